// Whether each check-out is whole: the visit completed, its expense, its audit row and its
// supervisors' notifications all there exactly once — or none of them.
import { run } from '../../ops/test/helpers';
import { type Engine, engineEnv, type Store } from './store';

export interface CheckOutState {
  applied: Set<string>;
  notApplied: Set<string>;
  /** Visit id → what is off. */
  inconsistent: Map<string, string>;
}

export async function checkOutState(store: Store, visitIds: string[]): Promise<CheckOutState> {
  const ids = visitIds.map((id) => `'${id}'`).join(',');
  const rows = await store.query<{
    id: string;
    status: string;
    expenses: number;
    audits: number;
    notifications: number;
  }>(`
    select v.id, v.status,
      (select count(*)::int from expenses e where e.visit_id = v.id) as expenses,
      (select count(*)::int from audit_log a where a.entity_type = 'visit' and a.entity_id = v.id::text
         and a.action = 'VISIT_CHECKED_OUT') as audits,
      (select count(*)::int from notifications n where n.entity_id = v.id and n.category = 'VISIT_FOLLOW_UP') as notifications
    from visits v where v.id in (${ids})`);
  const state: CheckOutState = { applied: new Set(), notApplied: new Set(), inconsistent: new Map() };
  for (const row of rows) {
    const parts = `status ${row.status}, ${row.expenses} expense(s), ${row.audits} audit row(s), ${row.notifications} notification(s)`;
    if (row.status === 'COMPLETED' && row.expenses === 1 && row.audits === 1 && row.notifications >= 1) {
      state.applied.add(row.id);
    } else if (row.status === 'IN_PROGRESS' && row.expenses === 0 && row.audits === 0 && row.notifications === 0) {
      state.notApplied.add(row.id);
    } else {
      state.inconsistent.set(row.id, parts);
    }
  }
  for (const id of visitIds) if (!rows.some((row) => row.id === id)) state.inconsistent.set(id, 'visit missing');
  return state;
}

/** `pnpm audit:verify` against the engine (for PGlite, while no API holds it open). */
export function verifyAuditChain(engine: Engine): { ok: boolean; output: string } {
  const result = run('pnpm', ['audit:verify'], { ...engineEnv(engine), NODE_ENV: 'test' }, 120_000);
  return { ok: result.code === 0, output: `${result.stdout}\n${result.stderr}` };
}
