'use client';

import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { Card } from '../components/card';
import { toast } from '../components/toast';
import { useChangePassword } from '../data/account';
import { FormCheckbox } from '../forms/form-checkbox';
import { FormTextField } from '../forms/form-text-field';
import { useApiSubmit } from '../forms/use-api-submit';
import { useZodForm } from '../forms/use-zod-form';
import { PageHeader } from '../shell/page-header';
import { useSession } from '../shell/session';
import { useAccountCrumbs } from './account-sections';
import { changePasswordLoader } from './schemas';

/** /account/password: change the password, and by default sign out every other device. */
export function PasswordView() {
  const t = useTranslations('account.password');
  const crumbs = useAccountCrumbs();
  const { me } = useSession();
  const change = useChangePassword();
  const load = useMemo(() => changePasswordLoader(me), [me]);
  const empty = { currentPassword: '', newPassword: '', confirmPassword: '', endOtherSessions: true };
  const form = useZodForm(load, { defaultValues: empty });
  const { onSubmit, formError } = useApiSubmit(form, {
    fields: ['currentPassword', 'newPassword', 'confirmPassword'],
    submit: async (values) => {
      const { endedSessions } = await change.mutateAsync({
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
        endOtherSessions: values.endOtherSessions,
      });
      toast.success(t('changed'), values.endOtherSessions ? t('endedSessions', { count: endedSessions }) : undefined);
    },
    onSuccess: () => form.reset(empty),
  });
  return (
    <>
      <PageHeader title={t('title')} breadcrumbs={crumbs} description={t('summary')} />
      <Card>
        <form noValidate onSubmit={onSubmit} className="flex max-w-md flex-col gap-4">
          <p className="text-ink">{t('rules')}</p>
          {formError && <Alert tone="error">{formError}</Alert>}
          <FormTextField
            control={form.control}
            name="currentPassword"
            label={t('current')}
            type="password"
            autoComplete="current-password"
            isRequired
          />
          <FormTextField
            control={form.control}
            name="newPassword"
            label={t('new')}
            type="password"
            autoComplete="new-password"
            isRequired
          />
          <FormTextField
            control={form.control}
            name="confirmPassword"
            label={t('confirm')}
            type="password"
            autoComplete="new-password"
            isRequired
          />
          <FormCheckbox control={form.control} name="endOtherSessions">
            {t('endOthers')}
          </FormCheckbox>
          <Button type="submit" isPending={form.formState.isSubmitting} className="self-start">
            {t('submit')}
          </Button>
        </form>
      </Card>
    </>
  );
}
