'use client';

import type { CarePlanView, UserView, VisitView } from '@caretracker/shared';
import type { LastVisitNotes } from '@caretracker/shared/worker-day';
import { Alert, Card } from '@caretracker/ui/components';
import { useFormat } from '@caretracker/ui/i18n';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { addressLine, directionsUrl } from '@/lib/worker-data';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="font-semibold text-ink">{label}</dt>
      <dd className="text-ink">{children}</dd>
    </div>
  );
}

/** Before the visit: what keeps the client safe first (allergies, conditions), then how to help, then how to get there. */
export function Briefing({
  visit,
  client,
  plan,
  lastVisit,
}: {
  visit: VisitView;
  client: UserView | null;
  plan: CarePlanView | null;
  lastVisit: LastVisitNotes | null;
}) {
  const t = useTranslations('briefing');
  const format = useFormat();
  const profile = client?.profile;
  const allergies = (profile?.allergies as string[] | null | undefined) ?? [];
  const conditions = (profile?.conditions as string[] | null | undefined) ?? [];
  const contact = profile?.emergencyContact as { name: string; phone: string; relationship?: string | null } | null;
  const address = addressLine(visit.location) ?? addressLine(profile?.address as Record<string, unknown> | null);
  const directions = directionsUrl(visit.locationLat, visit.locationLng, address);
  const phone = profile?.phone as string | null | undefined;

  return (
    <Card title={t('title')}>
      <div className="flex flex-col gap-4">
        {allergies.length > 0 ? (
          <Alert tone="error" live="polite" title={t('allergies')}>
            {allergies.join(', ')}
          </Alert>
        ) : (
          client && <p className="text-ink">{t('noAllergies')}</p>
        )}
        <dl className="flex flex-col gap-3">
          {conditions.length > 0 && <Item label={t('conditions')}>{conditions.join(', ')}</Item>}
          {typeof profile?.specialNeeds === 'string' && <Item label={t('specialNeeds')}>{profile.specialNeeds}</Item>}
          {plan?.specialInstructions && <Item label={t('instructions')}>{plan.specialInstructions}</Item>}
          {plan?.safetyNotes && <Item label={t('safety')}>{plan.safetyNotes}</Item>}
          {plan?.emergencyProtocol && <Item label={t('protocol')}>{plan.emergencyProtocol}</Item>}
          {lastVisit && (lastVisit.notes || lastVisit.followUpNote) && (
            <Item
              label={t('lastVisit', {
                date: format.date(lastVisit.endedAt),
                name: lastVisit.workerFirstName ?? t('someone'),
              })}
            >
              {[lastVisit.notes, lastVisit.followUpNote].filter(Boolean).join(' ')}
            </Item>
          )}
          {contact && (
            <Item label={t('emergencyContact')}>
              {contact.name}
              {contact.relationship ? ` (${contact.relationship})` : ''} ·{' '}
              <a className="font-semibold text-brand underline" href={`tel:${contact.phone.replace(/[^+\d]/g, '')}`}>
                {contact.phone}
              </a>
            </Item>
          )}
          {phone && (
            <Item label={t('clientPhone')}>
              <a className="font-semibold text-brand underline" href={`tel:${phone.replace(/[^+\d]/g, '')}`}>
                {phone}
              </a>
            </Item>
          )}
          <Item label={t('address')}>
            <span className="flex flex-col items-start gap-2">
              <span>{address ?? t('noAddress')}</span>
              {directions && (
                <a
                  className="inline-flex min-h-11 items-center rounded-control border-2 border-brand px-4 font-semibold text-brand"
                  href={directions}
                  target="_blank"
                  rel="noreferrer"
                >
                  {t('directions')}
                </a>
              )}
            </span>
          </Item>
        </dl>
      </div>
    </Card>
  );
}
