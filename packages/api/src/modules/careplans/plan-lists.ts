import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import type { UpdateCarePlanInput } from '@caretracker/shared';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { UnprocessableError } from '../../errors/app-errors';
import type { GoalRow, MedicationRow } from './queries';

const { carePlanGoals, carePlanMedications } = schema;

type GoalInput = NonNullable<UpdateCarePlanInput['goals']>[number];
type MedicationInput = NonNullable<UpdateCarePlanInput['medications']>[number];

/** What replacing a stored list with a given one means: rows to create, rows that change, rows to remove. */
export interface ListChanges {
  creates: Record<string, unknown>[];
  updates: Array<{ id: string; values: Record<string, unknown> }>;
  removedIds: string[];
}

export const hasListChanges = (changes: ListChanges | null) =>
  changes !== null && changes.creates.length + changes.updates.length + changes.removedIds.length > 0;

/**
 * Compares the given list with the stored rows: items with an `id` update that row (it must be one
 * of this plan's), items without are new, stored rows not named are removed. Positions follow the given order.
 */
function diffList<Row extends { id: string }, Input extends { id?: string | undefined }>(
  field: 'goals' | 'medications',
  given: Input[],
  existing: Row[],
  columns: (input: Input, position: number) => Record<string, unknown>,
): ListChanges {
  const stored = new Map(existing.map((row) => [row.id, row]));
  const named = new Set<string>();
  const changes: ListChanges = { creates: [], updates: [], removedIds: [] };
  given.forEach((input, position) => {
    const values = columns(input, position);
    if (input.id === undefined) {
      changes.creates.push(values);
      return;
    }
    const row = stored.get(input.id);
    if (!row || named.has(input.id)) {
      throw new UnprocessableError(`${field}.${position}.id does not name one of this plan's ${field}`, [
        { field: `body.${field}.${position}.id`, message: `is not one of this plan's ${field}` },
      ]);
    }
    named.add(input.id);
    const current = row as unknown as Record<string, unknown>;
    const differs = Object.entries(values).some(
      ([key, value]) => JSON.stringify(current[key]) !== JSON.stringify(value),
    );
    if (differs) changes.updates.push({ id: input.id, values });
  });
  changes.removedIds = existing.filter((row) => !named.has(row.id)).map((row) => row.id);
  return changes;
}

const goalColumns = (goal: GoalInput, position: number) => ({
  description: goal.description,
  measure: goal.measure,
  baselineValue: goal.baselineValue ?? null,
  targetValue: goal.targetValue ?? null,
  unit: goal.unit ?? null,
  targetDate: goal.targetDate ?? null,
  position,
});

const medicationColumns = (medication: MedicationInput, position: number) => ({
  name: medication.name,
  dose: medication.dose,
  route: medication.route,
  times: medication.times,
  prn: medication.prn,
  prnIndication: medication.prnIndication ?? null,
  instructions: medication.instructions ?? null,
  position,
});

export const diffGoals = (given: GoalInput[], existing: GoalRow[]) => diffList('goals', given, existing, goalColumns);
export const diffMedications = (given: MedicationInput[], existing: MedicationRow[]) =>
  diffList('medications', given, existing, medicationColumns);

/** New goals and medications of a new plan, in the given order. */
export async function insertPlanLists(
  tx: Executor,
  planId: string,
  lists: { goals: GoalInput[]; medications: MedicationInput[] },
  actorId: string,
) {
  const by = { carePlanId: planId, createdBy: actorId, updatedBy: actorId };
  if (lists.goals.length > 0) {
    await tx.insert(carePlanGoals).values(lists.goals.map((goal, i) => ({ ...goalColumns(goal, i), ...by })));
  }
  if (lists.medications.length > 0) {
    await tx
      .insert(carePlanMedications)
      .values(lists.medications.map((medication, i) => ({ ...medicationColumns(medication, i), ...by })));
  }
}

/** Applies list changes; removed rows are soft-deleted so eMAR records and progress keep their references. */
export async function applyListChanges(
  tx: Executor,
  table: typeof carePlanGoals | typeof carePlanMedications,
  planId: string,
  changes: ListChanges,
  actorId: string,
) {
  const now = new Date();
  const touched = { updatedAt: now, updatedBy: actorId, version: sql`${table.version} + 1` };
  if (changes.creates.length > 0) {
    await tx.insert(table).values(
      changes.creates.map((values) => ({
        ...values,
        carePlanId: planId,
        createdBy: actorId,
        updatedBy: actorId,
      })) as [typeof table.$inferInsert],
    );
  }
  for (const { id, values } of changes.updates) {
    await tx
      .update(table)
      .set({ ...values, ...touched })
      .where(and(eq(table.id, id), eq(table.carePlanId, planId)));
  }
  if (changes.removedIds.length > 0) {
    await tx
      .update(table)
      .set({ deletedAt: now, ...touched })
      .where(and(inArray(table.id, changes.removedIds), eq(table.carePlanId, planId), isNull(table.deletedAt)));
  }
}
