'use client';

import type { CarePlanChange, CarePlanVersionView } from '@caretracker/shared';
import { Button, Card } from '@caretracker/ui/components';
import { QueryView } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useCarePlanDiff, useCarePlanVersions } from '@/lib/care-plan-api';

const KNOWN_FIELDS = [
  'title',
  'status',
  'goals',
  'activities',
  'medications',
  'specialInstructions',
  'emergencyProtocol',
  'safetyNotes',
  'diagnosisCodes',
  'requiredSkills',
  'startsOn',
  'endsOn',
  'nextReviewOn',
  'approvedAt',
  'approvedBy',
  'statusReason',
] as const;

/** A value of a change as a person reads it: text as it is, lists joined, nothing as "none". */
function useShown() {
  const t = useTranslations('carePlan.versions');
  return (value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('nothing');
    if (Array.isArray(value))
      return value.length
        ? value.map((item) => (typeof item === 'object' ? '…' : String(item))).join(', ')
        : t('nothing');
    if (typeof value === 'object') return '…';
    if (typeof value === 'boolean') return t(value ? 'yes' : 'no');
    return String(value);
  };
}

function Change({ change }: { change: CarePlanChange }) {
  const t = useTranslations('carePlan.versions');
  const shown = useShown();
  const field = (KNOWN_FIELDS as readonly string[]).includes(change.field) ? change.field : 'other';
  const what = change.itemLabel
    ? t('item', { field: t(`fields.${field}`), item: change.itemLabel })
    : t(`fields.${field}`);
  if (change.kind === 'ADDED' && change.itemLabel) return <li>{t('added', { what })}</li>;
  if (change.kind === 'REMOVED' && change.itemLabel) return <li>{t('removed', { what })}</li>;
  return (
    <li>
      {t('changed', {
        what: change.property ? `${what} (${change.property})` : what,
        before: shown(change.before),
        after: shown(change.after),
      })}
    </li>
  );
}

function Differences({ planId, version }: { planId: string; version: number }) {
  const t = useTranslations('carePlan.versions');
  const diff = useCarePlanDiff(planId, version);
  return (
    <QueryView query={diff}>
      {(answer) =>
        answer.changes.length === 0 ? (
          <p className="text-ink-muted">{t('noChanges')}</p>
        ) : (
          <ul className="list-disc pl-6" aria-label={t('changesOf', { version })}>
            {answer.changes.map((change) => (
              <Change key={`${change.field}-${change.itemKey ?? ''}-${change.property ?? ''}`} change={change} />
            ))}
          </ul>
        )
      }
    </QueryView>
  );
}

// The API writes a status change's summary as "ACTIVE → ON_HOLD: reason"; it reads in plain words here.
const STATUS_SUMMARY =
  /^(DRAFT|ACTIVE|ON_HOLD|COMPLETED|DISCONTINUED) → (DRAFT|ACTIVE|ON_HOLD|COMPLETED|DISCONTINUED): ([\s\S]*)$/;

function Version({ planId, entry }: { planId: string; entry: CarePlanVersionView }) {
  const t = useTranslations('carePlan.versions');
  const ts = useTranslations('carePlan.statuses');
  const format = useFormat();
  const summary = (text: string | null) => {
    if (!text) return t('noSummary');
    // The summaries the API writes itself, when nobody gave one.
    if (text === 'Created') return t('created');
    if (text === 'Approved') return t('approved');
    const status = STATUS_SUMMARY.exec(text);
    return status ? t('statusChange', { from: ts(status[1]!), to: ts(status[2]!), reason: status[3]! }) : text;
  };
  const [open, setOpen] = useState(false);
  return (
    <li className="border-border-subtle border-b py-3 last:border-b-0">
      <p>
        <strong>{t('version', { version: entry.version })}</strong> · {format.dateTime(entry.changedAt)}
      </p>
      <p>{summary(entry.changeSummary)}</p>
      {entry.version > 1 && (
        <>
          <Button variant="quiet" aria-expanded={open} onPress={() => setOpen(!open)}>
            {t(open ? 'hideChanges' : 'showChanges', { version: entry.version })}
          </Button>
          {open && <Differences planId={planId} version={entry.version} />}
        </>
      )}
    </li>
  );
}

/** Every kept version, newest first, each with what changed from the one before. */
export function CarePlanVersions({ planId }: { planId: string }) {
  const t = useTranslations('carePlan.versions');
  const versions = useCarePlanVersions(planId);
  return (
    <Card title={t('title')} description={t('description')}>
      <QueryView query={versions}>
        {(list) => (
          <ol>
            {list.map((entry) => (
              <Version key={entry.version} planId={planId} entry={entry} />
            ))}
          </ol>
        )}
      </QueryView>
    </Card>
  );
}
