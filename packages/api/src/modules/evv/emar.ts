import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import type { MedicationRecordView, VisitMedicationsView } from '@caretracker/shared';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { clientTimeZone, dueInstants } from './due-doses';
import type { EvvDeps } from './service';
import type { VisitGuard, VisitRow } from './visit-guard';

const { carePlans, carePlanMedications, medicationAdministrations, profiles } = schema;

export type MedicationRow = typeof carePlanMedications.$inferSelect;
type RecordRow = typeof medicationAdministrations.$inferSelect;

export interface DueDose {
  medication: MedicationRow;
  scheduledFor: Date;
}

/** A visit's eMAR: the plan's medications, the doses due in the visit's window and what was recorded. */
export interface Emar {
  timeZone: string;
  medications: MedicationRow[];
  due: DueDose[];
  records: RecordRow[];
}

/** The visit's care plan, or when the visit names none the client's active plan. */
export async function carePlanOf(tx: Executor, visit: VisitRow) {
  const condition = visit.carePlanId
    ? eq(carePlans.id, visit.carePlanId)
    : and(eq(carePlans.clientId, visit.clientId), eq(carePlans.status, 'ACTIVE'));
  const [plan] = await tx
    .select({ id: carePlans.id, activities: carePlans.activities })
    .from(carePlans)
    .where(and(condition, isNull(carePlans.deletedAt)));
  return plan ?? null;
}

export async function loadEmar(tx: Executor, visit: VisitRow): Promise<Emar> {
  const plan = await carePlanOf(tx, visit);
  const [profile] = await tx
    .select({ timezone: profiles.timezone })
    .from(profiles)
    .where(eq(profiles.userId, visit.clientId));
  const timeZone = clientTimeZone(profile?.timezone);
  const medications = plan
    ? await tx
        .select()
        .from(carePlanMedications)
        .where(and(eq(carePlanMedications.carePlanId, plan.id), isNull(carePlanMedications.deletedAt)))
        .orderBy(asc(carePlanMedications.position), asc(carePlanMedications.name))
    : [];
  const due = medications
    .filter((m) => !m.prn)
    .flatMap((medication) =>
      dueInstants(medication.times, visit.scheduledStart, visit.scheduledEnd, timeZone).map((scheduledFor) => ({
        medication,
        scheduledFor,
      })),
    )
    .sort((a, b) => a.scheduledFor.getTime() - b.scheduledFor.getTime());
  const records = await tx
    .select()
    .from(medicationAdministrations)
    .where(and(eq(medicationAdministrations.visitId, visit.id), isNull(medicationAdministrations.deletedAt)))
    .orderBy(asc(medicationAdministrations.recordedAt));
  return { timeZone, medications, due, records };
}

const doseKey = (medicationId: string, scheduledFor: Date) => `${medicationId}@${scheduledFor.getTime()}`;

/** The record answering a due dose, if any. */
export function recordFor(emar: Emar, dose: DueDose): RecordRow | undefined {
  const key = doseKey(dose.medication.id, dose.scheduledFor);
  return emar.records.find((r) => r.scheduledFor !== null && doseKey(r.medicationId, r.scheduledFor) === key);
}

export function unrecordedDoses(emar: Emar): DueDose[] {
  return emar.due.filter((dose) => !recordFor(emar, dose));
}

export function recordView(row: RecordRow): MedicationRecordView {
  return {
    id: row.id,
    medicationId: row.medicationId,
    scheduledFor: row.scheduledFor?.toISOString() ?? null,
    outcome: row.outcome,
    reason: row.reason,
    prnReason: row.prnReason,
    doseGiven: row.doseGiven,
    note: row.note,
    recordedAt: row.recordedAt.toISOString(),
    recordedBy: row.recordedBy,
  };
}

export const medicationFields = (m: MedicationRow) => ({
  medicationId: m.id,
  name: m.name,
  dose: m.dose,
  route: m.route,
  instructions: m.instructions,
});

/** Anyone who may see the visit reads its eMAR (clients: their own visits); the read is audited as PHI. */
export function listMedicationsOperation(deps: EvvDeps, guard: VisitGuard) {
  const { db, audit } = deps;
  return async function listMedications(actor: Actor, visitId: string): Promise<VisitMedicationsView> {
    const visit = await guard.visible(actor, visitId, 'read medications');
    const emar = await loadEmar(db, visit);
    await audit.recordPhiRead('visit_medications', visitId);
    return {
      visitId,
      timeZone: emar.timeZone,
      due: emar.due.map((dose) => {
        const record = recordFor(emar, dose);
        return {
          ...medicationFields(dose.medication),
          scheduledFor: dose.scheduledFor.toISOString(),
          record: record ? recordView(record) : null,
        };
      }),
      prn: emar.medications
        .filter((m) => m.prn)
        .map((m) => ({ ...medicationFields(m), prnIndication: m.prnIndication })),
      records: emar.records.map(recordView),
    };
  };
}
