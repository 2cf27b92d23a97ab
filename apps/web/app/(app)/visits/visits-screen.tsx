'use client';

import type { VisitView } from '@caretracker/shared';
import { Badge, Button, ButtonLink, EmptyState, LoadingState } from '@caretracker/ui/components';
import { QueryView } from '@caretracker/ui/data';
import { PageHeader } from '@caretracker/ui/shell';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useMyVisits, type VisitScope } from '@/lib/portal-data';
import { useWords } from '@/lib/use-words';
import { statusTone } from '../status-tone';
import { HealthReadings } from './health-readings';

const PAGE = 10;

/** `/visits`: what is coming up (soonest first) and what has happened (newest first). */
export function VisitsScreen() {
  const t = useTranslations('portal.visits');
  const tRequest = useTranslations('portal.request');
  const upcoming = useMyVisits('upcoming');
  const past = useMyVisits('past');
  return (
    <div aria-busy={upcoming.isPending || past.isPending}>
      <PageHeader
        title={t('title')}
        description={t('intro')}
        actions={
          <ButtonLink href="/visits/request" variant="primary">
            {tRequest('link')}
          </ButtonLink>
        }
      />
      {/* Both lists appear together: one answering first would push the other down as it loads. */}
      {upcoming.isPending || past.isPending ? (
        <LoadingState lines={8} />
      ) : (
        <div className="flex flex-col gap-8">
          <VisitSection scope="upcoming" query={upcoming} />
          <VisitSection scope="past" query={past} />
          {past.data && <HealthReadings visits={past.data} />}
        </div>
      )}
    </div>
  );
}

function VisitSection({ scope, query }: { scope: VisitScope; query: ReturnType<typeof useMyVisits> }) {
  const t = useTranslations('portal.visits');
  const headingId = `visits-${scope}`;
  // Ten at a time: a long list is hard to read, and a short one is quick to draw on a slow phone.
  const [shown, setShown] = useState(PAGE);
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className="mb-3 font-bold text-2xl text-ink">
        {scope === 'upcoming' ? t('upcoming') : t('past')}
      </h2>
      <QueryView
        query={query}
        loading={<LoadingState lines={4} />}
        isEmpty={(rows) => rows.length === 0}
        empty={
          <EmptyState title={scope === 'upcoming' ? t('noUpcoming') : t('noPast')} icon="calendar">
            {scope === 'upcoming' ? t('noUpcomingBody') : t('noPastBody')}
          </EmptyState>
        }
      >
        {(rows) => (
          <>
            <ul className="flex flex-col gap-3">
              {rows.slice(0, shown).map((visit) => (
                <VisitRow key={visit.id} visit={visit} />
              ))}
            </ul>
            {rows.length > shown && (
              <Button variant="secondary" className="mt-4" onPress={() => setShown((n) => n + PAGE)}>
                {scope === 'upcoming' ? t('showMoreUpcoming') : t('showMore')}
              </Button>
            )}
          </>
        )}
      </QueryView>
    </section>
  );
}

function VisitRow({ visit }: { visit: VisitView }) {
  const t = useTranslations('portal.visits');
  const words = useWords();
  const when = words.when(visit.scheduledStart);
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 rounded-card border border-border-subtle bg-surface p-4">
      <div className="flex min-w-0 flex-col gap-1">
        <p className="font-bold text-ink text-xl">{when}</p>
        <p className="text-ink-muted text-lg">
          {words.service(visit.serviceType)} ·{' '}
          {visit.worker ? t('with', { name: words.name(visit.worker) }) : words.name(null)}
        </p>
        <Badge tone={statusTone(visit.status)} className="self-start">
          {words.status(visit.status)}
        </Badge>
      </div>
      <ButtonLink href={`/visits/${visit.id}`} aria-label={t('openLabel', { when })}>
        {t('open')}
      </ButtonLink>
    </li>
  );
}
