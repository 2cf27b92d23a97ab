import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import type { CarePlanDiff, CarePlanDiffQuery, CarePlanSnapshot, CarePlanVersionView } from '@caretracker/shared';
import { carePlanSnapshotSchema } from '@caretracker/shared';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { NotFoundError } from '../../errors/app-errors';
import { findPlan, goalsOf, medicationsOf } from './queries';
import { snapshotOf } from './shape';
import { diffSnapshots } from './version-diff';

const { carePlanVersions } = schema;

/** The plan as it stands in this executor's view (inside a write: with the write applied). */
export async function loadSnapshot(executor: Executor, planId: string): Promise<CarePlanSnapshot> {
  const [plan, goals, medications] = await Promise.all([
    findPlan(executor, planId),
    goalsOf(executor, planId),
    medicationsOf(executor, planId),
  ]);
  if (!plan) throw new NotFoundError('Care plan');
  return snapshotOf(plan, goals, medications);
}

/**
 * Keeps the plan's current state as its version row; call inside the write's transaction, after
 * the plan's `version` was bumped. Returns the snapshot written.
 */
export async function writeVersion(
  tx: Executor,
  planId: string,
  changeSummary: string,
  actorId: string,
): Promise<CarePlanSnapshot> {
  const snapshot = await loadSnapshot(tx, planId);
  await tx.insert(carePlanVersions).values({
    carePlanId: planId,
    version: snapshot.version,
    snapshot,
    changeSummary,
    changedBy: actorId,
  });
  return snapshot;
}

/** Every kept version of a plan, newest first. */
export async function versionsOf(executor: Executor, planId: string): Promise<CarePlanVersionView[]> {
  const rows = await executor
    .select()
    .from(carePlanVersions)
    .where(eq(carePlanVersions.carePlanId, planId))
    .orderBy(desc(carePlanVersions.version));
  return rows.map((row) => ({
    version: row.version,
    snapshot: carePlanSnapshotSchema.parse(row.snapshot),
    changeSummary: row.changeSummary,
    changedBy: row.changedBy,
    changedAt: row.changedAt.toISOString(),
  }));
}

/**
 * The changes between two kept versions: `to` defaults to the latest, `from` to the one before
 * `to`. A version the plan never had is a 404.
 */
export async function diffVersions(
  executor: Executor,
  planId: string,
  query: CarePlanDiffQuery,
): Promise<CarePlanDiff> {
  let to = query.to;
  if (to === undefined) {
    const [latest] = await executor
      .select({ version: carePlanVersions.version })
      .from(carePlanVersions)
      .where(eq(carePlanVersions.carePlanId, planId))
      .orderBy(desc(carePlanVersions.version))
      .limit(1);
    to = latest?.version;
  }
  const from = query.from ?? (to === undefined ? undefined : to - 1);
  if (to === undefined || from === undefined || from >= to) throw new NotFoundError('Care plan version');
  const rows = await executor
    .select()
    .from(carePlanVersions)
    .where(and(eq(carePlanVersions.carePlanId, planId), inArray(carePlanVersions.version, [from, to])));
  const older = rows.find((row) => row.version === from);
  const newer = rows.find((row) => row.version === to);
  if (!older || !newer) throw new NotFoundError('Care plan version');
  const meta = (row: typeof older) => ({
    version: row.version,
    changeSummary: row.changeSummary,
    changedBy: row.changedBy,
    changedAt: row.changedAt.toISOString(),
  });
  return {
    carePlanId: planId,
    from: meta(older),
    to: meta(newer),
    changes: diffSnapshots(carePlanSnapshotSchema.parse(older.snapshot), carePlanSnapshotSchema.parse(newer.snapshot)),
  };
}
