'use client';

import type { UpdateUserBody, UserFieldGroup, UserView } from '@caretracker/shared';
import { Alert, Button, Card, type Option, Select, toast } from '@caretracker/ui/components';
import { FormTextField, useApiSubmit, useZodForm } from '@caretracker/ui/forms';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useUsers } from '@/lib/office-api';
import { useUpdatePerson } from '@/lib/people-api';
import { fullName } from '@/lib/vocabulary';

const loadSchema = () => import('./person-form-schema').then((m) => m.personDetailsSchema);
const FIELDS = ['firstName', 'lastName', 'email', 'phone', 'dateOfBirth', 'medicalRecordNumber', 'hourlyRate'] as const;
const RENAME = {
  'profile.phone': 'phone',
  'profile.dateOfBirth': 'dateOfBirth',
  'profile.medicalRecordNumber': 'medicalRecordNumber',
  'profile.hourlyRateCents': 'hourlyRate',
} as const;
const NO_TEAM = 'none';

const dollars = (cents: number | null | undefined) => (cents == null ? '' : (cents / 100).toFixed(2));

/** The supervisor whose team a worker or client is in (admins place people; the API checks the supervisor). */
function TeamSelect({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const t = useTranslations('person.details');
  const supervisors = useUsers({ role: 'SUPERVISOR', isActive: 'true', limit: 100 });
  const options: Option[] = [
    { id: NO_TEAM, label: t('noTeam') },
    ...(supervisors.data ?? []).map((supervisor) => ({ id: supervisor.id, label: fullName(supervisor) })),
  ];
  return (
    <Select
      label={t('team')}
      hint={t('teamHint')}
      options={options}
      selectedKey={value}
      onSelectionChange={(key) => onChange(String(key))}
      isDisabled={supervisors.isPending}
    />
  );
}

/**
 * Name, email and phone, and the protected fields only where the shared matrix lets the caller
 * write them: clinical (date of birth, record number) on clients, the pay rate (billing) on workers.
 */
export function PersonDetailsForm({ person, writable }: { person: UserView; writable: ReadonlySet<UserFieldGroup> }) {
  const t = useTranslations('person');
  const update = useUpdatePerson(person.id);
  const profile = person.profile ?? {};
  const showClinical = person.role === 'CLIENT' && writable.has('clinical');
  const showBilling = person.role === 'WORKER' && writable.has('billing');
  const canPlace = writable.has('account') && (person.role === 'WORKER' || person.role === 'CLIENT');
  const [team, setTeam] = useState(person.supervisorId ?? NO_TEAM);
  const form = useZodForm(loadSchema, {
    defaultValues: {
      firstName: person.firstName,
      lastName: person.lastName,
      email: person.email ?? '',
      phone: profile.phone ?? '',
      dateOfBirth: profile.dateOfBirth ?? '',
      medicalRecordNumber: profile.medicalRecordNumber ?? '',
      hourlyRate: dollars(profile.hourlyRateCents),
    },
  });
  const { onSubmit, formError } = useApiSubmit(form, {
    fields: FIELDS,
    rename: RENAME,
    submit: (values) => {
      const body: UpdateUserBody = {
        firstName: values.firstName,
        lastName: values.lastName,
        version: person.version,
        profile: {
          phone: values.phone ?? null,
          ...(showClinical
            ? { dateOfBirth: values.dateOfBirth ?? null, medicalRecordNumber: values.medicalRecordNumber ?? null }
            : {}),
          ...(showBilling
            ? { hourlyRateCents: values.hourlyRate ? Math.round(Number(values.hourlyRate) * 100) : null }
            : {}),
        },
      };
      if (writable.has('account') && values.email) body.email = values.email;
      if (canPlace) body.supervisorId = team === NO_TEAM ? null : team;
      return update.mutateAsync(body);
    },
    onSuccess: () => {
      form.reset(form.getValues());
      toast.success(t('details.saved'));
    },
  });
  return (
    <Card title={t('details.title')}>
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        {formError && <Alert tone="error">{formError}</Alert>}
        <div className="grid gap-4 sm:grid-cols-2">
          <FormTextField control={form.control} name="firstName" label={t('fields.firstName')} isRequired />
          <FormTextField control={form.control} name="lastName" label={t('fields.lastName')} isRequired />
          {writable.has('account') && (
            <FormTextField control={form.control} name="email" type="email" label={t('fields.email')} />
          )}
          <FormTextField control={form.control} name="phone" type="tel" label={t('fields.phone')} />
          {showClinical && (
            <>
              <FormTextField control={form.control} name="dateOfBirth" type="date" label={t('fields.dateOfBirth')} />
              <FormTextField
                control={form.control}
                name="medicalRecordNumber"
                label={t('fields.medicalRecordNumber')}
              />
            </>
          )}
          {showBilling && (
            <FormTextField
              control={form.control}
              name="hourlyRate"
              inputMode="decimal"
              label={t('fields.hourlyRate')}
              hint={t('hourlyRateHint')}
            />
          )}
          {canPlace && <TeamSelect value={team} onChange={setTeam} />}
        </div>
        <Button type="submit" isPending={form.formState.isSubmitting} className="self-start">
          {t('details.save')}
        </Button>
      </form>
    </Card>
  );
}
