'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { AppKey } from '../apps';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { Link } from '../components/link';
import { LoadingState } from '../components/skeleton';
import { useResetPassword } from '../data/account';
import { FormTextField } from '../forms/form-text-field';
import { useApiSubmit } from '../forms/use-api-submit';
import { useZodForm } from '../forms/use-zod-form';
import { PublicPage } from './public-page';
import { loadResetPasswordSchema } from './schemas';

/** /reset-password?token=…: the page the emailed link opens. Sets a new password, then back to sign in. */
export function ResetPasswordView({ app }: { app: AppKey }) {
  const t = useTranslations('account.reset');
  const tPassword = useTranslations('account.password');
  const [token, setToken] = useState<string | null | undefined>(undefined);
  // Read after hydration: the query string is not part of the server render.
  useEffect(() => setToken(new URLSearchParams(window.location.search).get('token')), []);
  const reset = useResetPassword();
  const form = useZodForm(loadResetPasswordSchema, { defaultValues: { newPassword: '', confirmPassword: '' } });
  const { onSubmit, formError } = useApiSubmit(form, {
    fields: ['newPassword', 'confirmPassword'],
    submit: (values) => reset.mutateAsync({ token: token ?? '', newPassword: values.newPassword }),
    onSuccess: () => window.location.assign('/login?reason=reset'),
  });

  let body: React.ReactNode;
  if (token === undefined) body = <LoadingState lines={2} />;
  else if (!token || token.length < 16) {
    body = (
      <>
        <Alert tone="error" title={t('missingTitle')}>
          {t('missingBody')}
        </Alert>
        <Link href="/forgot-password">{t('requestNew')}</Link>
      </>
    );
  } else {
    body = (
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        <p className="text-ink">{tPassword('rules')}</p>
        {formError && (
          <Alert tone="error" actions={<Link href="/forgot-password">{t('requestNew')}</Link>}>
            {formError}
          </Alert>
        )}
        <FormTextField
          control={form.control}
          name="newPassword"
          label={tPassword('new')}
          type="password"
          autoComplete="new-password"
          isRequired
        />
        <FormTextField
          control={form.control}
          name="confirmPassword"
          label={tPassword('confirm')}
          type="password"
          autoComplete="new-password"
          isRequired
        />
        <Button type="submit" isPending={form.formState.isSubmitting}>
          {t('submit')}
        </Button>
      </form>
    );
  }

  return (
    <PublicPage app={app}>
      <div className="flex flex-col gap-4">
        <h1 className="font-bold text-2xl text-ink">{t('title')}</h1>
        {body}
      </div>
    </PublicPage>
  );
}
