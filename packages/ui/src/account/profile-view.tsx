'use client';

import type { UserView } from '@caretracker/shared';
import { useTranslations } from 'next-intl';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { Card } from '../components/card';
import { toast } from '../components/toast';
import { useRequestEmailVerification, useUpdateUser, useUser } from '../data/account';
import { QueryView } from '../data/query-view';
import { FormTextField } from '../forms/form-text-field';
import { useApiSubmit } from '../forms/use-api-submit';
import { useZodForm } from '../forms/use-zod-form';
import { PageHeader } from '../shell/page-header';
import { useSession } from '../shell/session';
import { AccountSections } from './account-sections';
import { CONTACT_FIELDS, CONTACT_RENAME, contactFormValues } from './contact-fields';
import { loadContactSchema } from './schemas';

/** /account: the account pages, and the contact details the user keeps up to date themselves. */
export function ProfileView() {
  const t = useTranslations('account');
  const { me } = useSession();
  const user = useUser(me.id);
  return (
    <>
      <PageHeader title={t('title')} description={t('intro', { email: me.email })} />
      <AccountSections />
      {!me.emailVerified && <EmailNotConfirmed email={me.email} />}
      <QueryView query={user}>
        {/* A newer version of the record (fetched after a restored copy) starts the form again. */}
        {(data) => <ContactForm key={data.version} user={data} />}
      </QueryView>
    </>
  );
}

/** Shown until the address is confirmed: the emailed link may have expired or gone astray. */
function EmailNotConfirmed({ email }: { email: string }) {
  const t = useTranslations('account.unconfirmed');
  const send = useRequestEmailVerification();
  return (
    <Alert
      tone="warning"
      live="polite"
      title={t('title')}
      actions={
        send.isSuccess ? undefined : (
          <Button variant="secondary" isPending={send.isPending} onPress={() => send.mutate()}>
            {t('send')}
          </Button>
        )
      }
    >
      {send.isSuccess ? t('sent', { email }) : t('body', { email })}
    </Alert>
  );
}

function ContactForm({ user }: { user: UserView }) {
  const t = useTranslations('account.profile');
  const update = useUpdateUser(user.id);
  const form = useZodForm(loadContactSchema, { defaultValues: contactFormValues(user) });
  const { onSubmit, formError } = useApiSubmit(form, {
    fields: CONTACT_FIELDS,
    rename: CONTACT_RENAME,
    submit: (body) => update.mutateAsync(body),
    onSuccess: () => {
      form.reset(form.getValues());
      toast.success(t('saved'));
    },
  });
  const field = (name: (typeof CONTACT_FIELDS)[number], autoComplete?: string, type = 'text') => (
    <FormTextField
      control={form.control}
      name={name}
      label={t(`fields.${name}`)}
      autoComplete={autoComplete}
      type={type}
    />
  );
  return (
    <Card title={t('title')} description={t('summary')}>
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-6">
        {formError && <Alert tone="error">{formError}</Alert>}
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 font-bold text-ink text-lg">{t('phones')}</legend>
          {field('phone', 'tel', 'tel')}
          {field('alternatePhone', 'tel', 'tel')}
        </fieldset>
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 font-bold text-ink text-lg">{t('address')}</legend>
          {field('addressLine1', 'address-line1')}
          {field('addressLine2', 'address-line2')}
          {field('city', 'address-level2')}
          {field('state', 'address-level1')}
          {field('postalCode', 'postal-code')}
        </fieldset>
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 font-bold text-ink text-lg">{t('emergency')}</legend>
          {field('emergencyName', 'off')}
          {field('emergencyPhone', 'off', 'tel')}
          {field('emergencyRelationship', 'off')}
        </fieldset>
        <Button type="submit" isPending={form.formState.isSubmitting} className="self-start">
          {t('save')}
        </Button>
      </form>
    </Card>
  );
}
