'use client';

import type { Role } from '@caretracker/shared';
import { CREATABLE_ROLES } from '@caretracker/shared/permissions';
import { Alert, Button, Card, type Option } from '@caretracker/ui/components';
import { FormSelect, FormTextField, useApiSubmit, useZodForm } from '@caretracker/ui/forms';
import { PageHeader, useSession } from '@caretracker/ui/shell';
import { useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCreatePerson } from '@/lib/people-api';

const loadSchema = () => import('./person-form-schema').then((m) => m.newPersonSchema);
const FIELDS = ['role', 'firstName', 'lastName', 'email', 'password', 'phone'] as const;

/** /people/new: an admin adds anyone; a supervisor adds clients and workers to their own team. */
export function NewPersonScreen() {
  const t = useTranslations('person');
  const tp = useTranslations('people');
  const { me } = useSession();
  const router = useRouter();
  const params = useSearchParams();
  const roles = CREATABLE_ROLES[me.role as Role];
  const requested = params.get('role') as Role | null;
  const create = useCreatePerson();
  const form = useZodForm(loadSchema, {
    defaultValues: {
      role: requested && roles.includes(requested) ? requested : (roles[0] ?? 'CLIENT'),
      firstName: '',
      lastName: '',
      email: '',
      password: '',
      phone: '',
    },
  });
  const { onSubmit, formError } = useApiSubmit(form, {
    fields: FIELDS,
    rename: { 'profile.phone': 'phone' },
    submit: async ({ phone, ...values }) => {
      const person = await create.mutateAsync({ ...values, ...(phone ? { profile: { phone } } : {}) });
      router.push(person.role === 'CLIENT' ? `/clients/${person.id}` : `/people/${person.id}`);
    },
  });
  const roleOptions: Option[] = roles.map((role) => ({ id: role, label: t(`roles.${role}`) }));
  return (
    <>
      <PageHeader
        title={t('newTitle')}
        breadcrumbs={[{ href: '/people', label: tp('title') }]}
        description={t(me.role === 'ADMIN' ? 'newDescriptionAdmin' : 'newDescriptionTeam')}
      />
      <Card>
        <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
          {formError && <Alert tone="error">{formError}</Alert>}
          <FormSelect control={form.control} name="role" label={t('fields.role')} options={roleOptions} />
          <div className="grid gap-4 sm:grid-cols-2">
            <FormTextField
              control={form.control}
              name="firstName"
              label={t('fields.firstName')}
              autoComplete="off"
              isRequired
            />
            <FormTextField
              control={form.control}
              name="lastName"
              label={t('fields.lastName')}
              autoComplete="off"
              isRequired
            />
            <FormTextField
              control={form.control}
              name="email"
              type="email"
              label={t('fields.email')}
              autoComplete="off"
              isRequired
            />
            <FormTextField
              control={form.control}
              name="phone"
              type="tel"
              label={t('fields.phone')}
              autoComplete="off"
            />
          </div>
          <FormTextField
            control={form.control}
            name="password"
            type="password"
            label={t('fields.password')}
            hint={t('passwordHint')}
            autoComplete="new-password"
            isRequired
          />
          <Button type="submit" isPending={form.formState.isSubmitting} className="self-start">
            {t('create')}
          </Button>
        </form>
      </Card>
    </>
  );
}
