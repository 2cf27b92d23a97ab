'use client';

import type { CarePlanView, DueDoseView, VisitMedicationsView } from '@caretracker/shared';
import { Badge, Button, Card, Radio, RadioGroup, TextField } from '@caretracker/ui/components';
import { keys } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { type OutboxItem, useOutbox } from '@caretracker/ui/offline';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { ActivityOutcome, VisitDraft } from '@/lib/drafts';
import { PrnDoses } from './prn-doses';

export interface Activity {
  code: string;
  name: string;
  instructions?: string | null | undefined;
}

/** The planned activities with their names from the care plan (the code where the plan has none). */
export function activitiesOf(planned: string[], plan: CarePlanView | undefined): Activity[] {
  return planned.map((code) => {
    const known = plan?.activities.find((a) => a.code === code);
    return { code, name: known?.name ?? code, instructions: known?.instructions ?? null };
  });
}

export function Checklist({
  activities,
  draft,
  updateDraft,
}: {
  activities: Activity[];
  draft: VisitDraft;
  updateDraft: (change: (draft: VisitDraft) => VisitDraft) => void;
}) {
  const t = useTranslations('duringVisit');
  const set = (code: string, status: ActivityOutcome, note?: string) =>
    updateDraft((d) => ({
      ...d,
      activities: { ...d.activities, [code]: { status, ...(note === undefined ? {} : { note }) } },
    }));
  return (
    <Card title={t('tasksTitle')} description={t('tasksHint')}>
      {activities.length === 0 ? (
        <p className="text-ink">{t('noTasks')}</p>
      ) : (
        <ul className="flex flex-col gap-4">
          {activities.map((activity) => {
            const entry = draft.activities[activity.code];
            return (
              <li key={activity.code} className="border-border-subtle border-b pb-3">
                <RadioGroup
                  label={activity.name}
                  {...(activity.instructions ? { hint: activity.instructions } : {})}
                  value={entry?.status ?? null}
                  onChange={(value) => set(activity.code, value as ActivityOutcome, entry?.note)}
                  orientation="horizontal"
                >
                  <Radio value="DONE">{t('done')}</Radio>
                  <Radio value="REFUSED">{t('refused')}</Radio>
                  <Radio value="NOT_DONE">{t('notDone')}</Radio>
                </RadioGroup>
                {entry && entry.status !== 'DONE' && (
                  <TextField
                    className="mt-2"
                    label={t('taskReason', { task: activity.name })}
                    value={entry.note ?? ''}
                    onChange={(note) => set(activity.code, entry.status, note)}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

type DoseOutcome = 'GIVEN' | 'PARTIAL' | 'REFUSED' | 'NOT_GIVEN';

/** A due dose is answered once the API has its record or the outbox holds one for it. */
export function doseAnswered(dose: DueDoseView, queued: OutboxItem[]) {
  if (dose.record) return true;
  return queued.some(
    (item) =>
      item.kind === 'dose' &&
      item.meta?.medicationId === dose.medicationId &&
      item.meta?.scheduledFor === dose.scheduledFor,
  );
}

function DoseRow({
  visitId,
  dose,
  clientName,
  queued,
}: {
  visitId: string;
  dose: DueDoseView;
  clientName: string;
  queued: OutboxItem[];
}) {
  const t = useTranslations('duringVisit');
  const format = useFormat();
  const outbox = useOutbox();
  const [outcome, setOutcome] = useState<DoseOutcome | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const waiting = queued.find(
    (item) =>
      item.kind === 'dose' &&
      item.meta?.medicationId === dose.medicationId &&
      item.meta?.scheduledFor === dose.scheduledFor,
  );
  const label = `${dose.name} ${dose.dose} · ${format.time(dose.scheduledFor)}`;

  const save = async () => {
    if (!outcome) return setError(t('doseChoose'));
    if (outcome !== 'GIVEN' && !reason.trim()) return setError(t('doseReasonNeeded'));
    setError(null);
    setSaving(true);
    try {
      await outbox.enqueue({
        method: 'POST',
        path: `/visits/${visitId}/medications`,
        body: {
          medicationId: dose.medicationId,
          scheduledFor: dose.scheduledFor,
          outcome,
          ...(outcome === 'GIVEN' ? {} : { reason: reason.trim() }),
        },
        kind: 'dose',
        meta: { visitId, clientName, medicationId: dose.medicationId, scheduledFor: dose.scheduledFor },
        invalidates: [keys.visits.medications(visitId), keys.visits.detail(visitId)],
      });
    } finally {
      setSaving(false);
    }
  };

  if (dose.record || waiting) {
    const recorded = (dose.record?.outcome ??
      (waiting?.body as { outcome?: DoseOutcome } | undefined)?.outcome) as DoseOutcome;
    return (
      <li className="flex flex-wrap items-center justify-between gap-2 border-border-subtle border-b pb-3">
        <span className="font-semibold text-ink">{label}</span>
        <Badge tone={recorded === 'GIVEN' ? 'success' : 'warning'}>
          {t(`dose.${recorded}`)}
          {waiting ? ` · ${t('waiting')}` : ''}
        </Badge>
      </li>
    );
  }
  return (
    <li className="flex flex-col gap-2 border-border-subtle border-b pb-3">
      <RadioGroup
        label={label}
        {...(dose.instructions ? { hint: dose.instructions } : {})}
        value={outcome}
        onChange={(value) => setOutcome(value as DoseOutcome)}
        {...(error && !outcome ? { error } : {})}
      >
        <Radio value="GIVEN">{t('dose.GIVEN')}</Radio>
        <Radio value="PARTIAL">{t('dose.PARTIAL')}</Radio>
        <Radio value="REFUSED">{t('dose.REFUSED')}</Radio>
        <Radio value="NOT_GIVEN">{t('dose.NOT_GIVEN')}</Radio>
      </RadioGroup>
      {outcome && outcome !== 'GIVEN' && (
        <TextField
          label={t('doseReason', { medication: dose.name })}
          value={reason}
          onChange={setReason}
          {...(error && outcome ? { error } : {})}
        />
      )}
      <Button variant="secondary" onPress={() => void save()} isPending={saving} className="self-start">
        {t('doseSave', { medication: dose.name })}
      </Button>
    </li>
  );
}

export function Doses({
  visitId,
  medications,
  clientName,
  queued,
  allergies,
}: {
  visitId: string;
  medications: VisitMedicationsView | undefined;
  clientName: string;
  queued: OutboxItem[];
  allergies: string[];
}) {
  const t = useTranslations('duringVisit');
  if (!medications) return null;
  return (
    <Card title={t('dosesTitle')}>
      {allergies.length > 0 && medications.due.length > 0 && (
        <p className="mb-3 font-semibold text-danger-strong">
          {t('allergyReminder', { allergies: allergies.join(', ') })}
        </p>
      )}
      {medications.due.length === 0 ? (
        <p className="text-ink">{t('noDoses')}</p>
      ) : (
        <ul className="flex flex-col gap-4">
          {medications.due.map((dose) => (
            <DoseRow
              key={`${dose.medicationId}:${dose.scheduledFor}`}
              visitId={visitId}
              dose={dose}
              clientName={clientName}
              queued={queued}
            />
          ))}
        </ul>
      )}
      <PrnDoses visitId={visitId} medications={medications} clientName={clientName} queued={queued} />
    </Card>
  );
}

export function Notes({
  draft,
  updateDraft,
}: {
  draft: VisitDraft;
  updateDraft: (change: (draft: VisitDraft) => VisitDraft) => void;
}) {
  const t = useTranslations('duringVisit');
  return (
    <Card title={t('notesTitle')}>
      <div className="flex flex-col gap-3">
        <TextField
          label={t('notes')}
          hint={t('notesHint')}
          multiline
          rows={4}
          value={draft.notes}
          onChange={(notes) => updateDraft((d) => ({ ...d, notes }))}
        />
        <TextField
          label={t('privateNotes')}
          hint={t('privateNotesHint')}
          multiline
          rows={3}
          value={draft.privateNotes}
          onChange={(privateNotes) => updateDraft((d) => ({ ...d, privateNotes }))}
        />
        {draft.notes || draft.privateNotes ? <p className="text-ink-muted">{t('savedOnDevice')}</p> : null}
      </div>
    </Card>
  );
}
