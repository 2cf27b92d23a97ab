import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carePlansSql, visitNotesSql } from '../src/modules/search/queries';
import { startApp, type TestApp } from './helpers/app';

/**
 * The search statements use the GIN indexes of migration 0006. On this small test database the
 * planner would rather scan, so sequential scans are switched off for the transaction: an
 * expression that did not match its index would then still show no index in the plan. The btree
 * `visits_start_idx` also holds `deleted_at` (for the visit report's index-only scan), and on an
 * almost empty table a bitmap scan of it for `deleted_at is null` is cheaper than any GIN index, so
 * it is dropped inside the same transaction, which is rolled back (the test has its own database).
 */
describe('search statements use the GIN indexes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ ownDatabase: true });
  });
  afterAll(() => t.close());

  async function plan(statement: SQL): Promise<string> {
    let explained = '';
    const rollback = new Error('rolled back');
    await t.app.deps.db
      .transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        // Plain btree index scans would still win on a small table; leave the bitmap paths GIN needs.
        await tx.execute(sql`set local enable_indexscan = off`);
        await tx.execute(sql`drop index visits_start_idx`);
        const result = (await tx.execute(sql`explain ${statement}`)) as unknown as {
          rows: Array<Record<string, string>>;
        };
        explained = result.rows.map((row) => Object.values(row).join(' ')).join('\n');
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback) throw error;
      });
    return explained;
  }

  it('visit notes and private notes: visits_notes_fts_idx and visits_private_notes_fts_idx', async () => {
    const explained = await plan(visitNotesSql('garden', undefined, true, 10));
    expect(explained).toContain('visits_notes_fts_idx');
    expect(explained).toContain('visits_private_notes_fts_idx');
  });

  it('care plans: care_plans_fts_idx', async () => {
    expect(await plan(carePlansSql('mobility', undefined, 10))).toContain('care_plans_fts_idx');
  });
});
