'use client';

import type { VisitView } from '@caretracker/shared';
import { Alert, AlertDialog, Button, Checkbox, Radio, RadioGroup, TextField } from '@caretracker/ui/components';
import { keys } from '@caretracker/ui/data';
import { useOutbox } from '@caretracker/ui/offline';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { VisitDraft } from '@/lib/drafts';
import { type LocateError, locate } from '@/lib/location';
import { CheckOutSummary } from './check-out-summary';
import type { Activity } from './during-visit';
import { SignatureField } from './signature';
import type { VitalsCheck } from './vitals';

/** Check-out: what was recorded and what is missing, named; blocked while a due dose has no record. */
export function CheckOutPanel({
  visit,
  clientName,
  activities,
  draft,
  updateDraft,
  dosesDue,
  missingDoses,
  vitals,
  photos,
}: {
  visit: VisitView;
  clientName: string;
  activities: Activity[];
  draft: VisitDraft;
  updateDraft: (change: (draft: VisitDraft) => VisitDraft) => void;
  dosesDue: number;
  missingDoses: string[];
  vitals: VitalsCheck;
  photos: number;
}) {
  const tv = useTranslations('vitals');
  const t = useTranslations('checkOut');
  const outbox = useOutbox();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<LocateError | null>(null);
  const recorded = activities.filter((a) => draft.activities[a.code]);
  const unmarked = activities.filter((a) => !draft.activities[a.code]);
  const blocked = missingDoses.length > 0 || vitals.invalid.length > 0;
  const needsConfirm = unmarked.length > 0 || vitals.flagged.length > 0;

  const checkOut = async () => {
    setError(null);
    setBusy(true);
    try {
      const fix = await locate();
      // The check-in's reason went with the check-in (on its EVV exceptions), not into the client's record.
      const notes = draft.notes.trim();
      await outbox.enqueue({
        method: 'POST',
        path: `/visits/${visit.id}/checkout`,
        body: {
          lat: fix.lat,
          lng: fix.lng,
          accuracyM: fix.accuracyM,
          capturedAt: fix.capturedAt,
          performedActivities: recorded.map((a) => {
            const entry = draft.activities[a.code]!;
            return { code: a.code, status: entry.status, ...(entry.note?.trim() ? { note: entry.note.trim() } : {}) };
          }),
          ...(notes ? { notes } : {}),
          ...(draft.privateNotes.trim() ? { privateNotes: draft.privateNotes.trim() } : {}),
          followUpRequired: draft.followUpRequired,
          ...(draft.followUpRequired && draft.followUpNote?.trim() ? { followUpNote: draft.followUpNote.trim() } : {}),
          ...(draft.clientSatisfaction ? { clientSatisfaction: draft.clientSatisfaction } : {}),
          ...(draft.clientSignature ? { clientSignature: draft.clientSignature } : {}),
          ...(Object.keys(vitals.values).length > 0 ? { vitals: vitals.values } : {}),
        },
        kind: 'checkout',
        meta: { visitId: visit.id, clientName },
        capturedAt: fix.capturedAt,
        invalidates: [keys.visits.all, keys.reports.all],
      });
      setConfirming(false);
    } catch (problem) {
      setConfirming(false);
      setError(typeof problem === 'string' ? (problem as LocateError) : 'unavailable');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="check-out-title" className="rounded-card border border-border-subtle bg-surface p-4">
      <h2 id="check-out-title" className="mb-2 font-bold text-ink text-xl">
        {t('title')}
      </h2>
      <p className="mb-2 text-ink">{t('recorded', { done: recorded.length, total: activities.length })}</p>
      <CheckOutSummary
        activities={activities}
        draft={draft}
        dosesDue={dosesDue}
        missingDoses={missingDoses}
        vitals={vitals}
        photos={photos}
      />
      {unmarked.length > 0 && (
        <Alert tone="warning" live="polite" className="mb-3" title={t('unmarkedTitle', { count: unmarked.length })}>
          {unmarked.map((a) => a.name).join(', ')}
        </Alert>
      )}
      {missingDoses.length > 0 && (
        <Alert tone="error" live="polite" className="mb-3" title={t('blockedTitle')}>
          {t('blockedBody', { names: missingDoses.join(', ') })}
        </Alert>
      )}
      {vitals.invalid.length > 0 && (
        <Alert tone="error" live="polite" className="mb-3" title={t('vitalsInvalidTitle')}>
          {vitals.invalid.map((field) => tv(`field.${field}`)).join(', ')}
        </Alert>
      )}
      <div className="mb-4 flex flex-col gap-4">
        <RadioGroup
          label={t('satisfactionLabel', { name: clientName })}
          hint={t('satisfactionHint')}
          value={draft.clientSatisfaction ? String(draft.clientSatisfaction) : null}
          onChange={(value) => updateDraft((d) => ({ ...d, clientSatisfaction: Number(value) }))}
        >
          {[5, 4, 3, 2, 1].map((score) => (
            <Radio key={score} value={String(score)}>
              {t(`satisfaction.${score}`)}
            </Radio>
          ))}
        </RadioGroup>
        <SignatureField
          clientName={clientName}
          value={draft.clientSignature}
          onChange={(clientSignature) =>
            updateDraft(({ clientSignature: _old, ...d }) => (clientSignature ? { ...d, clientSignature } : d))
          }
        />
        <Checkbox
          isSelected={draft.followUpRequired}
          onChange={(followUpRequired) => updateDraft((d) => ({ ...d, followUpRequired }))}
        >
          {t('followUp')}
        </Checkbox>
        {draft.followUpRequired && (
          <TextField
            label={t('followUpNote')}
            hint={t('followUpHint')}
            multiline
            rows={2}
            value={draft.followUpNote ?? ''}
            onChange={(followUpNote) => updateDraft((d) => ({ ...d, followUpNote }))}
          />
        )}
      </div>
      {error && (
        <Alert tone="error" className="mb-3" title={t('locationFailed')}>
          {t(`error.${error}`)}
        </Alert>
      )}
      <Button
        className="w-full py-4 text-xl"
        isDisabled={blocked}
        isPending={busy && !confirming}
        onPress={() => (needsConfirm ? setConfirming(true) : void checkOut())}
      >
        {t('button')}
      </Button>
      <AlertDialog
        title={unmarked.length > 0 ? t('confirmTitle') : t('confirmVitalsTitle')}
        isOpen={confirming}
        onOpenChange={setConfirming}
        confirmLabel={t('confirm')}
        cancelLabel={t('back')}
        onConfirm={() => void checkOut()}
        isPending={busy}
      >
        {unmarked.length > 0 && <p>{t('confirmBody', { names: unmarked.map((a) => a.name).join(', ') })}</p>}
        {vitals.flagged.length > 0 && (
          <p className="mt-2">
            {t('confirmVitals', { names: vitals.flagged.map((field) => tv(`field.${field}`)).join(', ') })}
          </p>
        )}
      </AlertDialog>
    </section>
  );
}
