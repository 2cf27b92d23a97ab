import { schema } from '@caretracker/database';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPostgres, startApp, type TestApp } from './helpers/app';

/**
 * The audit log is several hash chains (migration 0011): concurrent audited transactions extend
 * different chains instead of queueing behind one lock. Tampering breaks verification, and this
 * file deletes rows, so it has a database of its own.
 */
describe.runIf(hasPostgres())('audit chains under concurrency (PostgreSQL)', () => {
  let t: TestApp;
  let pool: pg.Pool;
  beforeAll(async () => {
    t = await startApp({ ownDatabase: true });
    pool = new pg.Pool({ connectionString: t.app.deps.config.DATABASE_URL, max: 12 });
  });
  afterAll(async () => {
    await pool?.end();
    await t?.close();
  });

  const insertAudit = (client: pg.PoolClient | pg.Pool, label: string) =>
    client.query(
      `insert into audit_log (action, entity_type, entity_id, data_classification)
       values ('CHAIN_TEST', 'test', $1, 'INTERNAL') returning seq::int, chain, chain_seq::int`,
      [label],
    );

  it('open transactions holding audit rows do not block other audited writers', async () => {
    // Eight transactions each write an audit row and stay open, as a slow request would.
    const holders = await Promise.all(Array.from({ length: 8 }, () => pool.connect()));
    const held: Array<{ chain: number }> = [];
    for (const [i, client] of holders.entries()) {
      await client.query('begin');
      // Under the old single chain lock the second of these would wait for the first to commit;
      // the lock timeout turns such a wait into an error instead of a hang.
      await client.query(`set local lock_timeout = '10s'`);
      held.push((await insertAudit(client, `held-${i}`)).rows[0]);
      // A second row in the same transaction stays on the same chain.
      const again = (await insertAudit(client, `held-${i}-again`)).rows[0];
      expect(again.chain).toBe(held[i]!.chain);
    }
    expect(new Set(held.map((row) => row.chain)).size).toBe(8);

    // While all eight are open, the application's own audited writes still go through.
    await t.app.deps.audit.record({
      action: 'CHAIN_TEST',
      entityType: 'test',
      entityId: 'while-held',
      classification: 'INTERNAL',
    });
    // One of them rolls back: its chain positions are reused, so its chain has no gap.
    await holders[0]!.query('rollback');
    for (const client of holders.slice(1)) await client.query('commit');
    for (const client of holders) client.release();

    const verified = await t.app.deps.audit.verifyChain();
    expect(verified).toMatchObject({ valid: true, broken: [] });
  });

  it('many concurrent autocommit writers form verifiable chains', async () => {
    await Promise.all(Array.from({ length: 60 }, (_, i) => insertAudit(pool, `burst-${i}`)));
    const verified = await t.app.deps.audit.verifyChain();
    expect(verified.valid).toBe(true);
    const rows = await t.app.deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(schema.auditLog)
      .where(eq(schema.auditLog.action, 'CHAIN_TEST'));
    // 60 now, 14 kept of the held transactions' 16, and the application's one.
    expect(rows[0]?.n).toBe(60 + 14 + 1);
  });

  it('a quiet system writes one chain', async () => {
    const rows = [];
    for (let i = 0; i < 3; i++) rows.push((await insertAudit(pool, `quiet-${i}`)).rows[0]);
    expect(rows.map((row) => row.chain)).toEqual([1, 1, 1]);
    expect(rows[1]!.chain_seq).toBe(rows[0]!.chain_seq + 1);
    expect(rows[2]!.chain_seq).toBe(rows[1]!.chain_seq + 1);
  });

  /** Only a superuser bypassing the triggers can change a row; verification must still catch it. */
  const asSuperuser = async (statement: string, params: unknown[]) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query('set local session_replication_role = replica');
      await client.query(statement, params);
      await client.query('commit');
    } finally {
      client.release();
    }
  };

  it('tampering with a row of any chain is found: changed content, moved chain, removed row', async () => {
    // A row in the middle of a chain other than 1, with a successor in that chain.
    const { rows } = await pool.query(
      `select id, seq::int, chain, action from audit_log a
       where chain > 1 and exists (select 1 from audit_log b where b.chain = a.chain and b.seq > a.seq)
       order by seq limit 1`,
    );
    const victim = rows[0] as { id: string; seq: number; chain: number; action: string };
    expect(victim).toBeDefined();
    const next = (
      await pool.query(`select id, seq::int from audit_log where chain = $1 and seq > $2 order by seq limit 1`, [
        victim.chain,
        victim.seq,
      ])
    ).rows[0] as { id: string; seq: number };

    await asSuperuser(`update audit_log set action = 'FORGED' where id = $1`, [victim.id]);
    expect((await t.app.deps.audit.verifyChain()).broken).toContainEqual({
      seq: victim.seq,
      id: victim.id,
      reason: 'content_changed',
    });
    await asSuperuser(`update audit_log set action = $2 where id = $1`, [victim.id, victim.action]);
    expect((await t.app.deps.audit.verifyChain()).valid).toBe(true);

    // Moving a row to another chain changes its content (the chain is hashed) and breaks both chains.
    await asSuperuser(`update audit_log set chain = 1 where id = $1`, [victim.id]);
    expect((await t.app.deps.audit.verifyChain()).broken).toContainEqual({
      seq: victim.seq,
      id: victim.id,
      reason: 'content_changed',
    });
    await asSuperuser(`update audit_log set chain = $2 where id = $1`, [victim.id, victim.chain]);
    expect((await t.app.deps.audit.verifyChain()).valid).toBe(true);

    // Removing it breaks its successor's link.
    await asSuperuser(`delete from audit_log where id = $1`, [victim.id]);
    const removed = await t.app.deps.audit.verifyChain();
    expect(removed.valid).toBe(false);
    expect(removed.broken).toContainEqual({ seq: next.seq, id: next.id, reason: 'link_broken' });
  });
});
