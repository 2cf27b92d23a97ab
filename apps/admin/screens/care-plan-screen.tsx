'use client';

import type { CarePlanView } from '@caretracker/shared';
import { Badge, Card, Link, NotFoundState } from '@caretracker/ui/components';
import { isNotFound, QueryView } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { PageHeader } from '@caretracker/ui/shell';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useCarePlan, usePerson } from '@/lib/office-api';
import { fullName } from '@/lib/vocabulary';
import { onDay } from './budget-vocabulary';
import { CarePlanEditForm } from './care-plan-edit-form';
import { PlanGoalsAndMedications } from './care-plan-lists';
import { CarePlanActions } from './care-plan-status';
import { CarePlanVersions } from './care-plan-versions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUS_TONE = {
  DRAFT: 'info',
  ACTIVE: 'success',
  ON_HOLD: 'warning',
  COMPLETED: 'neutral',
  DISCONTINUED: 'neutral',
} as const;

function Text({ label, value }: { label: string; value: string | null }) {
  if (!value) return null;
  return (
    <>
      <dt className="font-semibold text-ink">{label}</dt>
      <dd className="whitespace-pre-line">{value}</dd>
    </>
  );
}

function PlanContent({ plan }: { plan: CarePlanView }) {
  const t = useTranslations('carePlan');
  const format = useFormat();
  return (
    <Card title={t('content')}>
      <dl className="grid grid-cols-1 gap-x-4 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold text-ink">{t('period')}</dt>
        <dd>
          {plan.endsOn
            ? t('fromTo', { from: format.date(onDay(plan.startsOn)), to: format.date(onDay(plan.endsOn)) })
            : t('from', { from: format.date(onDay(plan.startsOn)) })}
        </dd>
        <dt className="font-semibold text-ink">{t('nextReview')}</dt>
        <dd>{format.dateLong(onDay(plan.nextReviewOn))}</dd>
        <Text label={t('edit.specialInstructions')} value={plan.specialInstructions} />
        <Text label={t('edit.emergencyProtocol')} value={plan.emergencyProtocol} />
        <Text label={t('edit.safetyNotes')} value={plan.safetyNotes} />
        <Text label={t('edit.requiredSkills')} value={plan.requiredSkills.join(', ') || null} />
        <Text label={t('diagnoses')} value={plan.diagnosisCodes.join(', ') || null} />
        <Text label={t('statusReason')} value={plan.statusReason ?? null} />
      </dl>
      <div className="mt-4 flex flex-col gap-3">
        <PlanGoalsAndMedications plan={plan} />
      </div>
    </Card>
  );
}

function PlanNotFound() {
  const t = useTranslations('carePlan');
  const tp = useTranslations('people');
  return (
    <>
      <PageHeader title={t('notFoundTitle')} breadcrumbs={[{ href: '/people', label: tp('title') }]} />
      <NotFoundState action={<Link href="/people">{t('backToPeople')}</Link>} />
    </>
  );
}

function Plan({ plan }: { plan: CarePlanView }) {
  const t = useTranslations('carePlan');
  const tp = useTranslations('people');
  const client = usePerson(plan.clientId);
  const [editing, setEditing] = useState(false);
  const clientName = client.data ? fullName(client.data) : t('theClient');
  return (
    <>
      <PageHeader
        title={plan.title}
        breadcrumbs={[
          { href: '/people', label: tp('title') },
          { href: `/clients/${plan.clientId}`, label: clientName },
        ]}
        description={t('description', { client: clientName, version: plan.version })}
        actions={<CarePlanActions plan={plan} onEdit={() => setEditing(true)} />}
      />
      <p className="mb-4">
        <Badge tone={STATUS_TONE[plan.status]}>{t(`statuses.${plan.status}`)}</Badge>
      </p>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        {editing ? (
          <CarePlanEditForm key={plan.version} plan={plan} onDone={() => setEditing(false)} />
        ) : (
          <PlanContent plan={plan} />
        )}
        <CarePlanVersions planId={plan.id} />
      </div>
    </>
  );
}

/** /care-plans/[planId]: one plan, its edit, approval and status changes, and its versions with what changed. */
export function CarePlanScreen({ planId }: { planId: string }) {
  const t = useTranslations('carePlan');
  const valid = UUID.test(planId);
  const query = useCarePlan(valid ? planId : undefined);
  if (!valid || isNotFound(query.error)) return <PlanNotFound />;
  return (
    <div aria-busy={query.isPending}>
      <QueryView query={query} loading={<PageHeader title={t('loading')} />}>
        {(plan) => <Plan plan={plan} />}
      </QueryView>
    </div>
  );
}
