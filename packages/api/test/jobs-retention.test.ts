import { schema } from '@caretracker/database';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createVisitRow } from './helpers/care-factories';
import { createTeam, createUser } from './helpers/factories';

/** Purging and breaking the audit chain touch the whole database, so this file has one of its own. */

describe.runIf(Boolean(inject('databaseUrl')))('retention purge and nightly audit verification (PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ ownDatabase: true, config: { DATA_RETENTION_YEARS: '7', AUDIT_LOG_RETENTION_YEARS: '7' } });
  });
  afterAll(() => t?.close());

  const job = (name: string) => t.app.deps.jobs.find((j) => j.name === name)!;
  const db = () => t.app.deps.db;
  const yearsAgo = (years: number) => sql`now() - make_interval(years => ${years})`;
  const asSuperuser = (statement: ReturnType<typeof sql>) =>
    db().transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(statement);
    });
  const firstRemaining = async () =>
    (await db().select().from(schema.auditLog).orderBy(schema.auditLog.seq).limit(1))[0]!;

  it('deletes only what is past retention and keeps the audit chain verifiable', async () => {
    // Nine-year-old audit history at the start of the chain, then today's.
    for (let i = 0; i < 4; i++) {
      await db().execute(
        sql`insert into audit_log (action, entity_type, data_classification, occurred_at)
            values ('ANCIENT', 'test', 'INTERNAL', ${yearsAgo(9)})`,
      );
    }
    const leaver = await createUser(t.app, { role: 'WORKER' });
    const { client, worker } = await createTeam(t.app);
    await createVisitRow(t.app, { clientId: client.id, workerId: worker.id, start: new Date(Date.now() - 86_400_000) });
    const recentLeaver = await createUser(t.app, { role: 'WORKER' });
    const stayer = await createUser(t.app, { role: 'CLIENT' });
    await db()
      .insert(schema.notifications)
      .values([
        { userId: leaver.id, category: 'MESSAGE', title: 'old', body: 'x' },
        { userId: stayer.id, category: 'MESSAGE', title: 'deleted long ago', body: 'x', deletedAt: new Date(0) },
        {
          userId: stayer.id,
          category: 'MESSAGE',
          title: 'deleted last month',
          body: 'x',
          deletedAt: new Date(Date.now() - 30 * 86_400_000),
        },
      ]);
    await db()
      .update(schema.users)
      .set({ deletedAt: sql`${yearsAgo(8)}` })
      .where(inArray(schema.users.id, [leaver.id, client.id]));
    await db()
      .update(schema.users)
      .set({ deletedAt: sql`${yearsAgo(1)}` })
      .where(eq(schema.users.id, recentLeaver.id));

    await db()
      .insert(schema.idempotencyKeys)
      .values([
        {
          scope: `user:${stayer.id}`,
          key: 'answered-last-year',
          method: 'POST',
          path: '/x',
          requestHash: 'h',
          statusCode: 201,
          createdAt: new Date(Date.now() - 365 * 86_400_000),
        },
        {
          scope: `user:${stayer.id}`,
          key: 'answered-yesterday',
          method: 'POST',
          path: '/x',
          requestHash: 'h',
          statusCode: 201,
          createdAt: new Date(Date.now() - 86_400_000),
        },
      ]);

    const failedEmail = (subject: string, daysAgo: number) => ({
      toAddress: 'family@test.caretracker.dev',
      subject,
      textBody: '[delivery failed; body not kept]',
      pendingBody: 'Your reset link',
      status: 'FAILED' as const,
      createdAt: new Date(Date.now() - daysAgo * 86_400_000),
    });
    await db()
      .insert(schema.emailOutbox)
      .values([failedEmail('failed 40 days ago', 40), failedEmail('failed yesterday', 1)]);

    const result = await job('retention-purge').run(new Date());
    expect(result).toMatchObject({
      failedEmailBodiesCleared: 1,
      idempotencyKeysPurged: 1,
      usersPurged: 1,
      usersKeptForRecords: 1,
      notificationsPurged: 1,
      auditRowsPurged: 4,
    });

    const keys = await db()
      .select({ key: schema.idempotencyKeys.key })
      .from(schema.idempotencyKeys)
      .where(eq(schema.idempotencyKeys.scope, `user:${stayer.id}`));
    expect(keys.map((k) => k.key)).toEqual(['answered-yesterday']);
    // A failed email keeps its sealed body for an admin's retry for 30 days, then loses it.
    const failed = await db()
      .select({ subject: schema.emailOutbox.subject, body: schema.emailOutbox.pendingBody })
      .from(schema.emailOutbox)
      .where(eq(schema.emailOutbox.status, 'FAILED'))
      .orderBy(schema.emailOutbox.subject);
    expect(failed).toEqual([
      { subject: 'failed 40 days ago', body: null },
      { subject: 'failed yesterday', body: 'Your reset link' },
    ]);

    const remainingUsers = await db()
      .select({ id: schema.users.id })
      .from(schema.users)
      .where(inArray(schema.users.id, [leaver.id, client.id, recentLeaver.id, stayer.id]));
    // The leaver's account and its own rows are gone; the client with a visit record is kept.
    expect(remainingUsers.map((u) => u.id).sort()).toEqual([client.id, recentLeaver.id, stayer.id].sort());
    expect(await db().select().from(schema.profiles).where(eq(schema.profiles.userId, leaver.id))).toEqual([]);
    expect(await db().select().from(schema.sessions).where(eq(schema.sessions.userId, leaver.id))).toEqual([]);
    const stayerNotes = await db()
      .select()
      .from(schema.notifications)
      .where(eq(schema.notifications.userId, stayer.id));
    expect(stayerNotes.map((n) => n.title)).toEqual(['deleted last month']);

    // Only the ancient prefix left the chain; a checkpoint holds the last purged row's hash.
    const ancient = await db().select().from(schema.auditLog).where(eq(schema.auditLog.action, 'ANCIENT'));
    expect(ancient).toEqual([]);
    const checkpoints = (
      (await db().execute(
        sql`select purged_through_seq::int as seq, rows_purged::int as rows from audit_log_checkpoints`,
      )) as unknown as {
        rows: Array<{ seq: number; rows: number }>;
      }
    ).rows;
    expect(checkpoints).toEqual([{ seq: 4, rows: 4 }]);
    expect((await firstRemaining()).seq).toBe(5);
    const purgeEvents = await db()
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, 'USER_PURGED'), eq(schema.auditLog.entityId, leaver.id)));
    expect(purgeEvents).toHaveLength(1);

    const verified = await t.app.deps.audit.verifyChain();
    expect(verified).toMatchObject({ valid: true, broken: [] });

    // Running again purges nothing more, and recent rows can never be purged by hand.
    expect(await job('retention-purge').run(new Date())).toMatchObject({ usersPurged: 0, auditRowsPurged: 0 });
    const refusal = await db()
      .execute(sql`select audit_log_purge(${yearsAgo(1)})`)
      .then(
        () => 'allowed',
        (error: Error & { cause?: Error }) => error.cause?.message ?? error.message,
      );
    expect(refusal).toMatch(/younger than 6 years/);
  });

  it('the nightly verification stays quiet on an intact chain', async () => {
    const admin = await createUser(t.app, { role: 'ADMIN' });
    expect(await job('audit-chain-check').run(new Date())).toMatchObject({ valid: true });
    const told = await db().select().from(schema.notifications).where(eq(schema.notifications.userId, admin.id));
    expect(told).toEqual([]);
  });

  it('tampering after a purge is still detected, and the nightly verification tells admins urgently', async () => {
    const admin = await createUser(t.app, { role: 'ADMIN' });
    const first = await firstRemaining();
    await asSuperuser(sql`update audit_log set action = 'FORGED' where id = ${first.id}`);
    const changed = await t.app.deps.audit.verifyChain();
    expect(changed.broken).toContainEqual({ seq: first.seq, id: first.id, reason: 'content_changed' });
    await asSuperuser(sql`update audit_log set action = ${first.action} where id = ${first.id}`);
    expect((await t.app.deps.audit.verifyChain()).valid).toBe(true);

    // Removing the first row after the checkpoint breaks the link from the checkpoint.
    await asSuperuser(sql`delete from audit_log where id = ${first.id}`);
    const removed = await t.app.deps.audit.verifyChain();
    expect(removed.valid).toBe(false);
    expect(removed.broken[0]).toMatchObject({ seq: first.seq + 1, reason: 'link_broken' });

    const result = await job('audit-chain-check').run(new Date());
    expect(result).toMatchObject({ valid: false });
    const [alert] = await db().select().from(schema.notifications).where(eq(schema.notifications.userId, admin.id));
    expect(alert).toMatchObject({
      category: 'SECURITY_ALERT',
      urgent: true,
      title: 'Audit trail integrity check failed',
    });
  });
});
