'use client';

import { MFA_REQUIRED_ROLES } from '@caretracker/shared/roles';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert } from '../components/alert';
import { Badge } from '../components/badge';
import { Button } from '../components/button';
import { Card } from '../components/card';
import { toast } from '../components/toast';
import { useMfaDisable, useMfaEnable, useMfaSetup } from '../data/account';
import type { MfaSetup } from '../data/api-client';
import { useErrorMessage } from '../data/error-message';
import { FormTextField } from '../forms/form-text-field';
import { useApiSubmit } from '../forms/use-api-submit';
import { useZodForm } from '../forms/use-zod-form';
import { PageHeader } from '../shell/page-header';
import { useSession } from '../shell/session';
import { useAccountCrumbs } from './account-sections';
import { MfaSecret } from './login-form';
import { RecoveryCodes } from './recovery-codes';
import { loadMfaDisableSchema, loadMfaEnableSchema } from './schemas';

/** /account/security: two-step verification on (enrol, recovery codes) or off where the role allows it. */
export function SecurityView() {
  const t = useTranslations('account.security');
  const crumbs = useAccountCrumbs();
  const { me } = useSession();
  const [codes, setCodes] = useState<string[] | null>(null);
  const required = MFA_REQUIRED_ROLES.includes(me.role);

  let body: React.ReactNode;
  if (codes) {
    body = (
      <div className="flex flex-col gap-4">
        <h2 className="font-bold text-ink text-xl">{t('codesTitle')}</h2>
        <RecoveryCodes codes={codes} />
        <Button onPress={() => setCodes(null)} className="self-start">
          {t('done')}
        </Button>
      </div>
    );
  } else if (me.mfaEnabled) {
    body = required ? (
      <Alert tone="info" live="polite">
        {t('required')}
      </Alert>
    ) : (
      <DisableForm />
    );
  } else {
    body = <Enrol onEnabled={setCodes} />;
  }

  return (
    <>
      <PageHeader title={t('title')} breadcrumbs={crumbs} description={t('summary')} />
      <Card
        title={t('status')}
        actions={<Badge tone={me.mfaEnabled ? 'success' : 'warning'}>{me.mfaEnabled ? t('on') : t('off')}</Badge>}
      >
        {body}
      </Card>
    </>
  );
}

function Enrol({ onEnabled }: { onEnabled: (codes: string[]) => void }) {
  const t = useTranslations('account.security');
  const tAuth = useTranslations('auth');
  const describe = useErrorMessage();
  const setup = useMfaSetup();
  const enable = useMfaEnable();
  const [secret, setSecret] = useState<MfaSetup | null>(null);
  const form = useZodForm(loadMfaEnableSchema, { defaultValues: { code: '' } });
  const { onSubmit, formError } = useApiSubmit(form, {
    fields: ['code'],
    submit: async ({ code }) => {
      const result = await enable.mutateAsync(code);
      toast.success(t('turnedOn'));
      onEnabled(result.recoveryCodes);
    },
  });

  if (!secret) {
    return (
      <div className="flex flex-col items-start gap-4">
        <p className="text-ink">{t('offIntro')}</p>
        {setup.isError && <Alert tone="error">{describe(setup.error)}</Alert>}
        <Button isPending={setup.isPending} onPress={() => setup.mutate(undefined, { onSuccess: setSecret })}>
          {t('start')}
        </Button>
      </div>
    );
  }
  return (
    <form noValidate onSubmit={onSubmit} className="flex max-w-xl flex-col gap-4">
      <p className="text-ink">{t('enrolIntro')}</p>
      <MfaSecret secret={secret.secret} otpauthUrl={secret.otpauthUrl} />
      {formError && <Alert tone="error">{formError}</Alert>}
      <FormTextField
        control={form.control}
        name="code"
        label={tAuth('sixDigitCode')}
        inputMode="numeric"
        autoComplete="one-time-code"
        isRequired
      />
      <Button type="submit" isPending={form.formState.isSubmitting} className="self-start">
        {tAuth('turnOn')}
      </Button>
    </form>
  );
}

function DisableForm() {
  const t = useTranslations('account.security');
  const tAuth = useTranslations('auth');
  const disable = useMfaDisable();
  const form = useZodForm(loadMfaDisableSchema, { defaultValues: { password: '', code: '' } });
  const { onSubmit, formError } = useApiSubmit(form, {
    fields: ['password', 'code'],
    submit: async (values) => {
      await disable.mutateAsync(values);
      toast.success(t('turnedOff'));
    },
  });
  return (
    <form noValidate onSubmit={onSubmit} className="flex max-w-md flex-col gap-4">
      <p className="text-ink">{t('disableIntro')}</p>
      {formError && <Alert tone="error">{formError}</Alert>}
      <FormTextField
        control={form.control}
        name="password"
        label={tAuth('password')}
        type="password"
        autoComplete="current-password"
        isRequired
      />
      <FormTextField
        control={form.control}
        name="code"
        label={tAuth('code')}
        hint={tAuth('codeHint')}
        autoComplete="one-time-code"
        isRequired
      />
      <Button type="submit" variant="danger" isPending={form.formState.isSubmitting} className="self-start">
        {t('turnOff')}
      </Button>
    </form>
  );
}
