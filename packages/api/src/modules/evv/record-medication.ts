import { schema } from '@caretracker/database';
import type { MedicationRecordView, recordMedicationBodySchema } from '@caretracker/shared';
import type { z } from 'zod';
import type { Actor } from '../../context/request-context';
import { ConflictError, UnprocessableError, ValidationError } from '../../errors/app-errors';
import { personName } from '../notifications/wording';
import { uniqueViolation } from '../users/queries';
import { type Emar, loadEmar, type MedicationRow, recordFor, recordView } from './emar';
import type { EvvDeps } from './service';
import { lockVisit, type VisitGuard } from './visit-guard';

const { medicationAdministrations } = schema;

export type RecordMedicationInput = z.infer<typeof recordMedicationBodySchema>;

function alreadyRecorded(): ConflictError {
  return new ConflictError('This dose is already recorded for this visit', [
    { field: 'body.scheduledFor', message: 'already recorded' },
  ]);
}

/** The plan's rules for this record: PRN doses carry a reason and no due time; scheduled ones answer a due time. */
function checkAgainstPlan(
  emar: Emar,
  input: RecordMedicationInput,
): { medication: MedicationRow; scheduledFor: Date | null } {
  const medication = emar.medications.find((m) => m.id === input.medicationId);
  if (!medication) {
    throw new UnprocessableError('This medication is not on the visit’s care plan', [
      { field: 'body.medicationId', message: 'is not a medication of this visit’s care plan' },
    ]);
  }
  if (medication.prn) {
    const issues = [
      ...(input.prnReason === undefined
        ? [{ field: 'body.prnReason', message: 'is required for an as-needed dose' }]
        : []),
      ...(input.scheduledFor !== undefined
        ? [{ field: 'body.scheduledFor', message: 'must be absent for an as-needed dose' }]
        : []),
    ];
    if (issues.length > 0) throw new ValidationError('An as-needed dose needs prnReason and no scheduledFor', issues);
    return { medication, scheduledFor: null };
  }
  if (input.scheduledFor === undefined) {
    throw new ValidationError('A scheduled dose names the due time it answers', [
      { field: 'body.scheduledFor', message: 'is required for a scheduled medication' },
    ]);
  }
  if (input.prnReason !== undefined) {
    throw new ValidationError('prnReason is only for as-needed doses', [
      { field: 'body.prnReason', message: 'must be absent for a scheduled medication' },
    ]);
  }
  const scheduledFor = new Date(input.scheduledFor);
  const dose = emar.due.find(
    (d) => d.medication.id === medication.id && d.scheduledFor.getTime() === scheduledFor.getTime(),
  );
  if (!dose) {
    throw new UnprocessableError('No dose of this medication is due at that time during this visit', [
      {
        field: 'body.scheduledFor',
        message: 'is not a due time of this medication in this visit',
        dueTimes: emar.due.filter((d) => d.medication.id === medication.id).map((d) => d.scheduledFor.toISOString()),
      },
    ]);
  }
  if (recordFor(emar, dose)) throw alreadyRecorded();
  return { medication, scheduledFor };
}

/**
 * Records a dose on the visit's eMAR while the visit is in progress: by the assigned worker, or
 * by the team's supervisor or an admin. A dose not fully given alerts the supervisor.
 */
export function recordMedicationOperation(deps: EvvDeps, guard: VisitGuard) {
  const { db, audit, notifier } = deps;
  return async function recordMedication(
    actor: Actor,
    visitId: string,
    input: RecordMedicationInput,
  ): Promise<MedicationRecordView> {
    const seen = await guard.visible(actor, visitId, 'record medication');
    if (actor.role === 'WORKER') await guard.assignedWorker(actor, seen, 'record medication');
    else await guard.roleIn(actor, seen, ['SUPERVISOR', 'ADMIN'], 'record medication');

    const { row, alert } = await db
      .transaction(async (tx) => {
        const visit = await lockVisit(tx, visitId);
        if (visit.status !== 'IN_PROGRESS') {
          throw new ConflictError(`Doses are recorded while the visit is in progress; this visit is ${visit.status}`, {
            status: visit.status,
            allowed: ['IN_PROGRESS'],
          });
        }
        const { medication, scheduledFor } = checkAgainstPlan(await loadEmar(tx, visit), input);
        const now = new Date();
        const [row] = await tx
          .insert(medicationAdministrations)
          .values({
            visitId,
            medicationId: medication.id,
            scheduledFor,
            outcome: input.outcome,
            reason: input.reason ?? null,
            prnReason: input.prnReason ?? null,
            doseGiven: input.doseGiven ?? null,
            note: input.note ?? null,
            recordedAt: now,
            recordedBy: actor.id,
            createdBy: actor.id,
            updatedBy: actor.id,
          })
          .returning();
        if (!row) throw new Error('medication insert returned nothing');
        await audit.record(
          {
            action: 'MEDICATION_RECORDED',
            entityType: 'medication_administration',
            entityId: row.id,
            classification: 'PHI',
            newValues: {
              visitId,
              medicationId: medication.id,
              scheduledFor,
              outcome: input.outcome,
              reason: input.reason ?? null,
              prnReason: input.prnReason ?? null,
              doseGiven: input.doseGiven ?? null,
            },
          },
          tx,
        );
        if (input.outcome === 'GIVEN') return { row, alert: null };
        return { row, alert: { clientId: visit.clientId, medication: medication.name, outcome: input.outcome } };
      })
      .catch((error: unknown) => {
        // Two devices recording the same dose at once: the unique index lets one win.
        if (uniqueViolation(error) === 'medication_administrations_dose_key') throw alreadyRecorded();
        throw error;
      });

    if (alert) {
      // After commit: an urgent notification also emails, which must not wait on the open transaction.
      await notifier.notify({
        userIds: await notifier.supervisorsOf(db, alert.clientId),
        category: 'MEDICATION_NOT_GIVEN',
        message: {
          key: 'doseNotGiven',
          params: {
            client: await personName(db, alert.clientId),
            medication: alert.medication,
            outcome: alert.outcome,
          },
        },
        entityType: 'visit',
        entityId: visitId,
        urgent: alert.outcome !== 'PARTIAL',
      });
    }
    return recordView(row);
  };
}
