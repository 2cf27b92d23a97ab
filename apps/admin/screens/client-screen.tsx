'use client';

import type { AuditTrailEntry, CarePlanSummary, UserView } from '@caretracker/shared';
import { canManageFamilyLinks } from '@caretracker/shared/permissions';
import { Badge, Card, Link, NotFoundState } from '@caretracker/ui/components';
import { isNotFound, QueryView } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { PageHeader, useSession } from '@caretracker/ui/shell';
import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useState } from 'react';
import { useAuditTrail, useCarePlan, useClientCarePlans, useOfficeVisits, usePerson } from '@/lib/office-api';
import { fullName, standing } from '@/lib/vocabulary';
import { PlanGoalsAndMedications } from './care-plan-lists';
import { BreakGlassBanner, useRemainingSeconds } from './client-break-glass';
import { ClientCareTeam } from './client-care-team';
import { ClientDocuments } from './client-documents';
import { ClientEmarHistory } from './client-emar-history';
import { ClientFamilyMembers } from './client-family-members';

/** Break-glass (a form with react-hook-form) only for a supervisor on the not-found path: loaded then. */
const BreakGlassOffer = dynamic(() => import('./client-break-glass-offer').then((m) => m.BreakGlassOffer), {
  ssr: false,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = 86_400_000;

const KNOWN_ACTIONS = [
  'PHI_READ',
  'CREATE',
  'UPDATE',
  'DELETE',
  'PERMISSION_DENIED',
  'EXPORT',
  'CARE_TEAM_ASSIGNED',
  'CARE_TEAM_CHANGED',
  'CARE_TEAM_ENDED',
] as const;
const KNOWN_ENTITIES = [
  'user',
  'visit',
  'care_plan',
  'budget',
  'emergency_alert',
  'conversation',
  'file',
  'report',
  'evv_exception',
  'care_team',
] as const;

function Field({ label, value }: { label: string; value: string | null | undefined }) {
  if (!value) return null;
  return (
    <>
      <dt className="font-semibold text-ink">{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

function Profile({ client, canEdit }: { client: UserView; canEdit: boolean }) {
  const t = useTranslations('client.profile');
  const format = useFormat();
  const profile = client.profile ?? {};
  const address = profile.address
    ? [
        profile.address.line1,
        profile.address.line2,
        profile.address.city,
        profile.address.state,
        profile.address.postalCode,
      ]
        .filter(Boolean)
        .join(', ')
    : null;
  const contact = profile.emergencyContact
    ? [profile.emergencyContact.name, profile.emergencyContact.relationship, profile.emergencyContact.phone]
        .filter(Boolean)
        .join(' · ')
    : null;
  return (
    <Card title={t('title')} actions={canEdit ? <Link href={`/people/${client.id}`}>{t('edit')}</Link> : undefined}>
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <Field label={t('email')} value={client.email} />
        <Field label={t('phone')} value={profile.phone} />
        <Field label={t('address')} value={address} />
        <Field
          label={t('dateOfBirth')}
          value={profile.dateOfBirth ? format.dateLong(`${profile.dateOfBirth}T12:00:00Z`) : null}
        />
        <Field label={t('emergencyContact')} value={contact} />
        <Field label={t('allergies')} value={profile.allergies?.join(', ')} />
        <Field label={t('conditions')} value={profile.conditions?.join(', ')} />
        <Field label={t('specialNeeds')} value={profile.specialNeeds} />
      </dl>
    </Card>
  );
}

function CarePlan({ plans }: { plans: CarePlanSummary[] }) {
  const t = useTranslations('client.plan');
  const format = useFormat();
  const current = plans.find((plan) => plan.status === 'ACTIVE') ?? plans[0];
  const plan = useCarePlan(current?.id);
  if (!current) return <p className="text-ink-muted">{t('none')}</p>;
  return (
    <QueryView query={plan}>
      {(detail) => (
        <div className="flex flex-col gap-3">
          <p>
            <strong>{detail.title}</strong> <Badge tone="info">{t(`status.${detail.status}`)}</Badge>
          </p>
          <p>
            <Link href={`/care-plans/${detail.id}`}>{t('open')}</Link>
          </p>
          <p className="text-ink-muted">
            {t('review', { date: format.dateLong(`${detail.nextReviewOn}T12:00:00Z`), version: detail.version })}
          </p>
          <PlanGoalsAndMedications plan={detail} />
          {detail.activities.length > 0 && (
            <>
              <h3 className="font-semibold text-ink">{t('activities')}</h3>
              <p>{detail.activities.map((activity) => activity.name).join(', ')}</p>
            </>
          )}
        </div>
      )}
    </QueryView>
  );
}

function Visits({ clientId }: { clientId: string }) {
  const t = useTranslations('client.visits');
  const tv = useTranslations('visits');
  const format = useFormat();
  const range = useMemo(() => {
    const now = Date.now();
    return { from: new Date(now - 60 * DAY).toISOString(), to: new Date(now + 30 * DAY).toISOString() };
  }, []);
  const query = useOfficeVisits({ clientId, ...range, sort: '-start', limit: 15 });
  return (
    <QueryView query={query}>
      {(answer) =>
        answer.data.length === 0 ? (
          <p className="text-ink-muted">{t('none')}</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {answer.data.map((visit) => {
              const { key, tone } = standing(visit);
              return (
                <li key={visit.id} className="flex flex-wrap items-center gap-2">
                  <Link href={`/visits/${visit.id}`} className="inline-flex min-h-11 items-center">
                    {tv('when', {
                      date: format.date(visit.scheduledStart),
                      start: format.time(visit.scheduledStart),
                      end: format.time(visit.scheduledEnd),
                    })}
                  </Link>
                  <span>{visit.worker ? fullName(visit.worker) : tv('unassigned')}</span>
                  <Badge tone={tone}>{tv(key)}</Badge>
                </li>
              );
            })}
          </ul>
        )
      }
    </QueryView>
  );
}

function TrailEntry({ entry }: { entry: AuditTrailEntry }) {
  const t = useTranslations('client.audit');
  const format = useFormat();
  const action = (KNOWN_ACTIONS as readonly string[]).includes(entry.action) ? entry.action : 'OTHER';
  const entity = (KNOWN_ENTITIES as readonly string[]).includes(entry.entityType) ? entry.entityType : 'other';
  const who = entry.actor
    ? t('actor', {
        name:
          fullName({ firstName: entry.actor.firstName ?? '', lastName: entry.actor.lastName ?? '' }).trim() ||
          t('someone'),
      })
    : t('system');
  return (
    <li className="flex flex-col border-border-subtle border-b py-2 last:border-b-0">
      <span>
        <strong>{who}</strong> {t(`actions.${action}`, { what: t(`entities.${entity}`) })}
        {entry.outcome !== 'SUCCESS' && entry.action !== 'PERMISSION_DENIED' ? ` ${t('refused')}` : ''}
        {entry.breakGlass && (
          <>
            {' '}
            <Badge tone="warning">{t('breakGlass')}</Badge>
          </>
        )}
      </span>
      <span className="text-ink-muted text-sm">{format.dateTime(entry.occurredAt)}</span>
    </li>
  );
}

function AuditTrail({ clientId }: { clientId: string }) {
  const t = useTranslations('client.audit');
  const query = useAuditTrail(clientId);
  return (
    <QueryView query={query} notFound={<p className="text-ink-muted">{t('notYours')}</p>}>
      {(trail) =>
        trail.entries.length === 0 ? (
          <p className="text-ink-muted">{t('none')}</p>
        ) : (
          <ul>
            {trail.entries.map((entry) => (
              <TrailEntry key={entry.id} entry={entry} />
            ))}
          </ul>
        )
      }
    </QueryView>
  );
}

function ClientNotFound({ clientId, expired = false }: { clientId: string | null; expired?: boolean }) {
  const t = useTranslations('client');
  const tp = useTranslations('people');
  const { me } = useSession();
  return (
    <>
      <PageHeader title={t('notFoundTitle')} breadcrumbs={[{ href: '/people', label: tp('title') }]} />
      <NotFoundState action={<Link href="/people">{t('backToPeople')}</Link>} />
      {me.role === 'SUPERVISOR' && clientId && <BreakGlassOffer clientId={clientId} expired={expired} />}
    </>
  );
}

export function ClientScreen({ clientId }: { clientId: string }) {
  const t = useTranslations('client');
  const tb = useTranslations('breakGlass');
  const { me } = useSession();
  const tp = useTranslations('people');
  const valid = UUID.test(clientId);
  const person = usePerson(clientId, valid);
  const isClient = person.data?.role === 'CLIENT';
  const plans = useClientCarePlans(clientId, valid && isClient);
  const grant = person.data?.breakGlass;
  const remaining = useRemainingSeconds(grant, person.dataUpdatedAt);
  const expired = remaining === 0;
  // Once the grant has run out the record leaves the screen at once; asking again makes the API say so.
  const [hadGrant, setHadGrant] = useState(false);
  const { refetch } = person;
  useEffect(() => {
    if (grant) setHadGrant(true);
  }, [grant]);
  useEffect(() => {
    if (expired) void refetch();
  }, [expired, refetch]);
  if (!valid || (person.data && !isClient)) return <ClientNotFound clientId={null} />;
  if (expired || isNotFound(person.error)) return <ClientNotFound clientId={clientId} expired={expired || hadGrant} />;
  return (
    <div aria-busy={person.isPending || plans.isPending}>
      <QueryView query={person} loading={<PageHeader title={t('loading')} />}>
        {(client) => (
          <>
            <PageHeader
              title={fullName(client)}
              breadcrumbs={[{ href: '/people', label: tp('title') }]}
              description={
                client.breakGlass ? tb('description') : client.isActive === false ? t('inactive') : t('description')
              }
            />
            {client.breakGlass && remaining !== null && (
              <BreakGlassBanner clientId={client.id} grant={client.breakGlass} remainingSeconds={remaining} />
            )}
            <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
              <Profile client={client} canEdit={!client.breakGlass} />
              <ClientCareTeam
                clientId={client.id}
                canEdit={!client.breakGlass && me.role !== 'WORKER' && me.role !== 'CLIENT'}
              />
              {canManageFamilyLinks(me.role) && <ClientFamilyMembers clientId={client.id} client={fullName(client)} />}
              <Card title={t('plan.title')}>
                <QueryView query={plans}>{(list) => <CarePlan plans={list} />}</QueryView>
              </Card>
              <Card title={t('visits.title')} description={t('visits.description')}>
                <Visits clientId={client.id} />
              </Card>
              <Card title={t('audit.title')} description={t('audit.description')}>
                <AuditTrail clientId={client.id} />
              </Card>
              <div className="lg:col-span-2">
                <ClientEmarHistory clientId={client.id} />
              </div>
              <div className="lg:col-span-2">
                <ClientDocuments clientId={client.id} canEdit={!client.breakGlass} />
              </div>
            </div>
          </>
        )}
      </QueryView>
    </div>
  );
}
