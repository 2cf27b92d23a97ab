'use client';

import type { CarePlanView } from '@caretracker/shared';
import { Alert, Button, Card, toast } from '@caretracker/ui/components';
import { FormTextField, useApiSubmit, useZodForm } from '@caretracker/ui/forms';
import { useTranslations } from 'next-intl';
import { useCarePlanWrites } from '@/lib/care-plan-api';

const loadSchema = () => import('./care-plan-form-schema').then((m) => m.carePlanFormSchema);
const FIELDS = [
  'title',
  'nextReviewOn',
  'specialInstructions',
  'emergencyProtocol',
  'safetyNotes',
  'requiredSkills',
  'changeSummary',
] as const;

/** The plan's words and dates; each save is a new version with its reason (goals and medications keep theirs). */
export function CarePlanEditForm({ plan, onDone }: { plan: CarePlanView; onDone: () => void }) {
  const t = useTranslations('carePlan.edit');
  const { update } = useCarePlanWrites(plan.id);
  const form = useZodForm(loadSchema, {
    defaultValues: {
      title: plan.title,
      nextReviewOn: plan.nextReviewOn,
      specialInstructions: plan.specialInstructions ?? '',
      emergencyProtocol: plan.emergencyProtocol ?? '',
      safetyNotes: plan.safetyNotes ?? '',
      requiredSkills: plan.requiredSkills.join(', '),
      changeSummary: '',
    },
  });
  const { onSubmit, formError } = useApiSubmit(form, {
    fields: FIELDS,
    submit: ({ requiredSkills, ...values }) =>
      update.mutateAsync({
        ...values,
        requiredSkills: requiredSkills
          .split(',')
          .map((skill) => skill.trim())
          .filter(Boolean),
        version: plan.version,
      }),
    onSuccess: () => {
      toast.success(t('saved'));
      onDone();
    },
  });
  const area = (name: 'specialInstructions' | 'emergencyProtocol' | 'safetyNotes') => (
    <FormTextField control={form.control} name={name} label={t(name)} multiline rows={3} />
  );
  return (
    <Card title={t('title')}>
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        {formError && <Alert tone="error">{formError}</Alert>}
        <div className="grid gap-4 sm:grid-cols-2">
          <FormTextField control={form.control} name="title" label={t('planTitle')} isRequired />
          <FormTextField control={form.control} name="nextReviewOn" type="date" label={t('nextReviewOn')} isRequired />
        </div>
        {area('specialInstructions')}
        {area('emergencyProtocol')}
        {area('safetyNotes')}
        <FormTextField
          control={form.control}
          name="requiredSkills"
          label={t('requiredSkills')}
          hint={t('requiredSkillsHint')}
        />
        <FormTextField
          control={form.control}
          name="changeSummary"
          label={t('changeSummary')}
          hint={t('changeSummaryHint')}
          isRequired
        />
        <div className="flex flex-wrap gap-3">
          <Button type="submit" isPending={form.formState.isSubmitting}>
            {t('save')}
          </Button>
          <Button variant="secondary" onPress={onDone}>
            {t('cancel')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
