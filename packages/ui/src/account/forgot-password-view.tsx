'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { AppKey } from '../apps';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { Link } from '../components/link';
import { useRequestPasswordReset } from '../data/account';
import { FormTextField } from '../forms/form-text-field';
import { useApiSubmit } from '../forms/use-api-submit';
import { useZodForm } from '../forms/use-zod-form';
import { PublicPage } from './public-page';
import { loadResetRequestSchema } from './schemas';

/** /forgot-password: asks the API to email a reset link (it answers the same whether or not the account exists). */
export function ForgotPasswordView({ app }: { app: AppKey }) {
  const t = useTranslations('account.forgot');
  const request = useRequestPasswordReset();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useZodForm(loadResetRequestSchema, { defaultValues: { email: '' } });
  const { onSubmit, formError } = useApiSubmit(form, {
    fields: ['email'],
    submit: (values) => request.mutateAsync(values.email),
    onSuccess: (values) => setSentTo(values.email),
  });

  return (
    <PublicPage app={app}>
      <div className="flex flex-col gap-4">
        <h1 className="font-bold text-2xl text-ink">{t('title')}</h1>
        {sentTo ? (
          <>
            <Alert tone="success" live="polite" title={t('sentTitle')}>
              {t('sentBody', { email: sentTo })}
            </Alert>
            <Link href="/login">{t('backToSignIn')}</Link>
          </>
        ) : (
          <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
            <p className="text-ink">{t('intro')}</p>
            {formError && <Alert tone="error">{formError}</Alert>}
            <FormTextField
              control={form.control}
              name="email"
              label={t('email')}
              type="email"
              autoComplete="username"
              isRequired
            />
            <Button type="submit" isPending={form.formState.isSubmitting}>
              {t('submit')}
            </Button>
            <Link href="/login" className="self-start">
              {t('backToSignIn')}
            </Link>
          </form>
        )}
      </div>
    </PublicPage>
  );
}
