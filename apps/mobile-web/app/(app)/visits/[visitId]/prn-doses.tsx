'use client';

import type { VisitMedicationsView } from '@caretracker/shared';
import { Badge, Button, TextField } from '@caretracker/ui/components';
import { keys } from '@caretracker/ui/data';
import { useFormat } from '@caretracker/ui/i18n';
import { type OutboxItem, useOutbox } from '@caretracker/ui/offline';
import { useTranslations } from 'next-intl';
import { useState } from 'react';

type PrnMedication = VisitMedicationsView['prn'][number];

/** One as-needed medication: what it is for, the doses given this visit, and giving one with the reason. */
function PrnRow({
  visitId,
  medication,
  records,
  clientName,
  queued,
}: {
  visitId: string;
  medication: PrnMedication;
  records: VisitMedicationsView['records'];
  clientName: string;
  queued: OutboxItem[];
}) {
  const t = useTranslations('prn');
  const format = useFormat();
  const outbox = useOutbox();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [doseGiven, setDoseGiven] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const given = records.filter((r) => r.medicationId === medication.medicationId && r.scheduledFor === null);
  const waiting = queued.filter(
    (item) => item.kind === 'prnDose' && item.meta?.medicationId === medication.medicationId,
  );

  const save = async () => {
    if (!reason.trim()) return setError(t('reasonNeeded'));
    setError(null);
    setSaving(true);
    try {
      await outbox.enqueue({
        method: 'POST',
        path: `/visits/${visitId}/medications`,
        body: {
          medicationId: medication.medicationId,
          outcome: 'GIVEN',
          prnReason: reason.trim(),
          ...(doseGiven.trim() ? { doseGiven: doseGiven.trim() } : {}),
        },
        kind: 'prnDose',
        meta: { visitId, clientName, medicationId: medication.medicationId },
        invalidates: [keys.visits.medications(visitId), keys.visits.detail(visitId)],
      });
      setOpen(false);
      setReason('');
      setDoseGiven('');
    } finally {
      setSaving(false);
    }
  };

  return (
    <li className="flex flex-col gap-2 border-border-subtle border-b pb-3">
      <span className="font-semibold text-ink">
        {medication.name} {medication.dose}
      </span>
      {medication.prnIndication && (
        <span className="text-ink">{t('indication', { what: medication.prnIndication })}</span>
      )}
      {medication.instructions && <span className="text-ink-muted">{medication.instructions}</span>}
      {(given.length > 0 || waiting.length > 0) && (
        <ul className="flex flex-col gap-1">
          {given.map((record) => (
            <li key={record.id}>
              <Badge tone="success">
                {t('givenAt', { time: format.time(record.recordedAt), reason: record.prnReason ?? '' })}
              </Badge>
            </li>
          ))}
          {waiting.map((item) => (
            <li key={item.id}>
              <Badge tone="warning">
                {t('givenWaiting', { reason: (item.body as { prnReason?: string }).prnReason ?? '' })}
              </Badge>
            </li>
          ))}
        </ul>
      )}
      {open ? (
        <div className="flex flex-col gap-2">
          <TextField
            label={t('reasonLabel', { medication: medication.name })}
            hint={t('reasonHint')}
            value={reason}
            onChange={setReason}
            {...(error ? { error } : {})}
          />
          <TextField
            label={t('doseGivenLabel')}
            hint={t('doseGivenHint', { dose: medication.dose })}
            value={doseGiven}
            onChange={setDoseGiven}
          />
          <div className="flex flex-wrap gap-3">
            <Button onPress={() => void save()} isPending={saving}>
              {t('save', { medication: medication.name })}
            </Button>
            <Button variant="secondary" onPress={() => setOpen(false)}>
              {t('cancel')}
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="secondary" className="self-start" onPress={() => setOpen(true)}>
          {t('give', { medication: medication.name })}
        </Button>
      )}
    </li>
  );
}

/** As-needed (PRN) medications: given only for their indication, each dose recorded with why. */
export function PrnDoses({
  visitId,
  medications,
  clientName,
  queued,
}: {
  visitId: string;
  medications: VisitMedicationsView;
  clientName: string;
  queued: OutboxItem[];
}) {
  const t = useTranslations('prn');
  if (medications.prn.length === 0) return null;
  return (
    <div className="mt-4">
      <h3 className="mb-1 font-semibold text-ink text-lg">{t('title')}</h3>
      <p className="mb-3 text-ink-muted">{t('hint')}</p>
      <ul className="flex flex-col gap-4">
        {medications.prn.map((medication) => (
          <PrnRow
            key={medication.medicationId}
            visitId={visitId}
            medication={medication}
            records={medications.records}
            clientName={clientName}
            queued={queued}
          />
        ))}
      </ul>
    </div>
  );
}
