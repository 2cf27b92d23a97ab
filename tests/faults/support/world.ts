// The data a fault case works on: the demo seed (the repository's own migrate and seed scripts)
// plus visits the demo worker is in the middle of, ready to be checked out.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../../ops/test/helpers';
import { type Engine, engineEnv, openStore } from './store';

export const WORKER = { email: 'worker@caretracker.dev', password: 'Garden-Lantern-Visit-42' };
export const SUPERVISOR = { email: 'supervisor@caretracker.dev', password: 'Garden-Lantern-Visit-42' };
/** The demo client (Pat), whose portal reads join the soak's mix. */
export const PORTAL_CLIENT = { email: 'client@caretracker.dev', password: 'Garden-Lantern-Visit-42' };
/** A client of the demo worker's with a budget this period, so each check-out bills an expense. */
export const CLIENT_EMAIL = 'irene.kowalski@clients.caretracker.dev';

/** `pnpm database:migrate` and `pnpm database:seed` against the engine (NODE_ENV=test, as the APIs run). */
export function migrateAndSeed(engine: Engine): void {
  for (const script of ['database:migrate', 'database:seed']) {
    const result = run('pnpm', [script], { ...engineEnv(engine), NODE_ENV: 'test', BCRYPT_SALT_ROUNDS: '4' }, 180_000);
    if (result.code !== 0) throw new Error(`pnpm ${script} failed:\n${result.stdout}\n${result.stderr}`);
  }
}

export function pgliteEngine(): Engine {
  return { kind: 'pglite', dataDir: mkdtempSync(path.join(tmpdir(), 'caretracker-faults-pglite-')) };
}

/**
 * `count` visits of the demo worker at the client, checked in 70 minutes ago, at a fixed rate. They
 * are booked in five-minute slots in a month three months ahead (no seeded visit or budget there;
 * a budget of its own for that month bills each check-out), after any slot booked there before.
 * The client's care plan medications are retired first, so no due dose holds a check-out back.
 * Returns the visit ids.
 */
export async function visitsInProgress(engine: Engine, count: number): Promise<string[]> {
  const store = openStore(engine);
  const month = `(date_trunc('month', now()) + interval '3 months')`;
  try {
    await store.query(`
      update care_plan_medications set deleted_at = now()
      where care_plan_id in (select p.id from care_plans p join users u on u.id = p.client_id where u.email = '${CLIENT_EMAIL}')`);
    await store.query(`
      insert into budgets (client_id, period_type, period_start, period_end, total_cents, funding_source)
      select u.id, 'MONTHLY', ${month}::date, (${month} + interval '1 month' - interval '1 day')::date, 100000000, 'Fault suite'
      from users u where u.email = '${CLIENT_EMAIL}'
      and not exists (select 1 from budgets b where b.client_id = u.id and b.period_start = ${month}::date)`);
    const rows = await store.query<{ id: string }>(`
      with first as (
        select coalesce(max(v.scheduled_end), ${month} + interval '1 day') as at
        from visits v join users w on w.id = v.worker_id
        where w.email = '${WORKER.email}' and v.scheduled_start >= ${month}
      )
      insert into visits (client_id, worker_id, status, service_type, scheduled_start, scheduled_end,
                          actual_start, check_in_at, location_lat, location_lng, rate_cents)
      select c.id, w.id, 'IN_PROGRESS', 'PERSONAL_CARE', first.at + (n - 1) * interval '5 minutes',
             first.at + n * interval '5 minutes', now() - interval '70 minutes', now() - interval '70 minutes',
             41.88, -87.63, 3000
      from users c, users w, first, generate_series(1, ${count}) as n
      where c.email = '${CLIENT_EMAIL}' and w.email = '${WORKER.email}'
      returning id`);
    if (rows.length !== count) throw new Error(`made ${rows.length} visits, wanted ${count}`);
    return rows.map((row) => row.id);
  } finally {
    await store.close();
  }
}
