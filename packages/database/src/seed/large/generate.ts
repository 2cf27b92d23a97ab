import { dateInZone } from '@caretracker/shared';
import type pg from 'pg';
import { addDays } from '../random';
import { insertCarePlans } from './care';
import { type AgencyShape, insertPeople } from './people';
import { insertDoses, insertExceptions, insertVisits } from './visits';

export interface LargeAgencyOptions {
  clients: number;
  workers: number;
  /** Months of visit history before today; two weeks ahead are booked as well. */
  months: number;
  visitsPerWeek: number;
  passwordHash: string;
  /** The bench admin's TOTP secret as stored: sealed with the installation's data encryption key. */
  mfaSecret: string;
  now?: Date;
  log?: (line: string) => void;
}

/** A worker's week holds 28 slots (4 a day): the clients sharing a worker must fit in them. */
export const SLOTS_PER_WORKER_WEEK = 28;
export const LARGE_TIME_ZONE = 'America/Los_Angeles';

export const LARGE_TABLES = [
  'users',
  'profiles',
  'password_history',
  'care_team_assignments',
  'care_plans',
  'care_plan_goals',
  'care_plan_medications',
  'care_plan_versions',
  'visit_series',
  'visits',
  'evv_exceptions',
  'medication_administrations',
] as const;

/** Why these parameters cannot make a schedule without double booking, or null when they can. */
export function checkLargeOptions(
  options: Pick<LargeAgencyOptions, 'clients' | 'workers' | 'months' | 'visitsPerWeek'>,
) {
  const { clients, workers, months, visitsPerWeek } = options;
  for (const [name, value] of Object.entries({ clients, workers, months, visitsPerWeek })) {
    if (!Number.isInteger(value) || value < 1) return `--${name} must be a whole number of at least 1`;
  }
  const perWorker = Math.ceil(clients / workers) * visitsPerWeek;
  if (perWorker > SLOTS_PER_WORKER_WEEK) {
    return `${clients} clients × ${visitsPerWeek} visits a week need ${perWorker} weekly slots per worker; a worker has ${SLOTS_PER_WORKER_WEEK}: add workers`;
  }
  return null;
}

/**
 * Generates a large agency inside one transaction, set-based (INSERT … SELECT over
 * generate_series), so a million visits take minutes. Workers' weekly slots never overlap, so
 * neither do their visits.
 */
export async function generateLargeAgency(db: pg.ClientBase, options: LargeAgencyOptions): Promise<void> {
  const problem = checkLargeOptions(options);
  if (problem) throw new Error(problem);
  const log = options.log ?? (() => {});
  const now = options.now ?? new Date();
  const today = dateInZone(now, LARGE_TIME_ZONE);
  const shape: AgencyShape = {
    clients: options.clients,
    workers: options.workers,
    supervisors: Math.max(1, Math.ceil(options.workers / 10)),
    visitsPerWeek: options.visitsPerWeek,
    passwordHash: options.passwordHash,
    mfaSecret: options.mfaSecret,
    timeZone: LARGE_TIME_ZONE,
  };
  const step = async (label: string, work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    log(`${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  };

  await db.query('begin');
  try {
    await db.query(`set local synchronous_commit = off; set local maintenance_work_mem = '512MB'`);
    await step(`people: ${shape.supervisors} supervisors, ${shape.workers} workers, ${shape.clients} clients`, () =>
      insertPeople(db, shape),
    );
    await step('care plans and series', () => insertCarePlans(db, today, LARGE_TIME_ZONE));
    const [year, month] = today.split('-').map(Number) as [number, number];
    const first = new Date(Date.UTC(year, month - 1 - options.months, Number(today.slice(8))))
      .toISOString()
      .slice(0, 10);
    const end = addDays(today, 14);
    let total = 0;
    const rebuild = await dropVisitIndexes(db);
    for (let from = first; from < end; ) {
      let to = addDays(from, 31);
      if (to > end) to = end;
      await step(`visits ${from} … ${addDays(to, -1)}`, async () => {
        total += await insertVisits(db, from, to, now, LARGE_TIME_ZONE);
      });
      from = to;
    }
    log(`${total} visits`);
    await step('visit indexes and the no-overlap constraint rebuilt', () => rebuild());
    await step('EVV exceptions', () => insertExceptions(db, now));
    await step('medication administrations', () => insertDoses(db, LARGE_TIME_ZONE));
    await db.query('commit');
  } catch (error) {
    await db.query('rollback');
    throw error;
  }
  await step('analyze', () => db.query(`analyze ${LARGE_TABLES.join(', ')}`));
}

/**
 * Loading a million rows into a table is several times faster without its secondary indexes, so
 * they and the no-overlap exclusion constraint are dropped inside the transaction and rebuilt from
 * their own definitions afterwards; rebuilding the constraint checks every visit again.
 */
async function dropVisitIndexes(db: pg.ClientBase): Promise<() => Promise<void>> {
  const constraints = await db.query<{ name: string; definition: string }>(
    `select conname name, pg_get_constraintdef(oid) definition from pg_constraint
       where conrelid = 'visits'::regclass and contype = 'x'`,
  );
  const indexes = await db.query<{ name: string; definition: string }>(
    `select c.relname name, pg_get_indexdef(i.indexrelid) definition
       from pg_index i join pg_class c on c.oid = i.indexrelid
       where i.indrelid = 'visits'::regclass and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
  );
  for (const { name } of constraints.rows) await db.query(`alter table visits drop constraint "${name}"`);
  for (const { name } of indexes.rows) await db.query(`drop index "${name}"`);
  return async () => {
    for (const { definition } of indexes.rows) await db.query(definition);
    for (const { name, definition } of constraints.rows) {
      await db.query(`alter table visits add constraint "${name}" ${definition}`);
    }
  };
}

/** Rows per table, for the report. */
export async function countRows(db: pg.ClientBase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of LARGE_TABLES) {
    const { rows } = await db.query<{ n: string }>(`select count(*) n from ${table}`);
    counts[table] = Number(rows[0]?.n);
  }
  return counts;
}
