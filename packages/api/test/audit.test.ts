import { schema } from '@caretracker/database';
import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startApp, type TestApp } from './helpers/app';
import { createTeam, createUser } from './helpers/factories';
import { expectError } from './helpers/http';

describe.each(engines())('audit trail on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ engine });
  });
  afterAll(() => t.close());

  it('a write records who, what, old and new values, request id and classification', async () => {
    const user = await createUser(t.app, { role: 'WORKER' });
    const response = await t.app.inject({
      method: 'POST',
      url: '/auth/password/change',
      headers: { ...user.headers, 'x-request-id': `req-${user.id}`, 'user-agent': 'audit-test' },
      payload: { currentPassword: user.password, newPassword: 'Violet-Meadow-Lantern-12' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-request-id']).toBe(`req-${user.id}`);
    const [row] = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.requestId, `req-${user.id}`));
    expect(row).toMatchObject({
      action: 'PASSWORD_CHANGED',
      actorId: user.id,
      actorRole: 'WORKER',
      entityType: 'user',
      entityId: user.id,
      dataClassification: 'SECURITY',
      userAgent: 'audit-test',
    });
    expect(row?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps old and new values of an update, never secrets', async () => {
    const { audit } = t.app.deps;
    const entityId = crypto.randomUUID();
    await audit.record({
      action: 'USER_UPDATED',
      entityType: 'user',
      entityId,
      classification: 'PII',
      oldValues: { phone: '+1 555 0100', passwordHash: 'x', diagnosisCodes: ['I10'] },
      newValues: { phone: '+1 555 0199', mfaSecret: 'y', diagnosisCodes: ['I10', 'E11.9'], code: '123456' },
    });
    const [row] = await t.app.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, entityId));
    expect(row?.oldValues).toEqual({ phone: '+1 555 0100', passwordHash: '[redacted]', diagnosisCodes: ['I10'] });
    expect(row?.newValues).toEqual({
      phone: '+1 555 0199',
      mfaSecret: '[redacted]',
      diagnosisCodes: ['I10', 'E11.9'],
      code: '[redacted]',
    });
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE on the audit log', async () => {
    const db = t.app.deps.db;
    // Drizzle wraps the database's error; the database's own message is the cause.
    const refusal = (query: ReturnType<typeof sql>) =>
      db.execute(query).then(
        () => 'allowed',
        (error: Error & { cause?: Error }) => error.cause?.message ?? error.message,
      );
    // Other test files write audit rows meanwhile: compare only the rows that existed before.
    const [newest] = await db.select({ seq: sql<string>`coalesce(max(seq), 0)::text` }).from(schema.auditLog);
    const last = newest?.seq ?? '0';
    const count = async () =>
      (await db.select({ n: sql<number>`count(*)::int` }).from(schema.auditLog).where(sql`seq <= ${last}::bigint`))[0]
        ?.n;
    const before = await count();
    expect(await refusal(sql`update audit_log set action = 'X' where seq = (select max(seq) from audit_log)`)).toMatch(
      /append-only: UPDATE/,
    );
    expect(await refusal(sql`delete from audit_log where seq = (select max(seq) from audit_log)`)).toMatch(
      /append-only: DELETE/,
    );
    expect(await refusal(sql`truncate audit_log`)).toMatch(/append-only: TRUNCATE/);
    expect(await count()).toBe(before);
  });

  it('concurrent writers still form one unbroken chain', async () => {
    const { audit } = t.app.deps;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        audit.record({ action: 'CONCURRENT', entityType: 'test', entityId: String(i), classification: 'INTERNAL' }),
      ),
    );
    const result = await audit.verifyChain();
    expect(result.broken).toEqual([]);
  });
});

describe('audit endpoints and tamper detection (PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('verify reports an intact chain, then names the exact row that was tampered with', async () => {
    const admin = await createUser(t.app, { role: 'ADMIN' });
    const verify = () => t.app.inject({ method: 'GET', url: '/audit/verify', headers: admin.headers });
    const before = (await verify()).json().data;
    expect(before.valid).toBe(true);
    expect(before.checked).toBeGreaterThan(0);

    const [victim] = await t.app.deps.db.select().from(schema.auditLog).orderBy(desc(schema.auditLog.seq)).limit(1);
    // Only a superuser bypassing triggers can do this; verification must still catch it.
    await t.app.deps.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update audit_log set new_values = '{"forged": true}'::jsonb where id = ${victim!.id}`);
    });
    const after = (await verify()).json().data;
    expect(after.valid).toBe(false);
    expect(after.broken).toContainEqual({ seq: victim!.seq, id: victim!.id, reason: 'content_changed' });
    // Restore so other suites sharing the database keep a valid chain.
    await t.app.deps.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(
        sql`update audit_log set new_values = ${victim!.newValues === null ? null : JSON.stringify(victim!.newValues)}::jsonb where id = ${victim!.id}`,
      );
    });
    expect((await verify()).json().data.valid).toBe(true);
  });

  it('GET /audit: admins filter everything; supervisors see only their team; others are refused', async () => {
    const admin = await createUser(t.app, { role: 'ADMIN' });
    const { supervisor, worker } = await createTeam(t.app);
    const outsider = await createUser(t.app, { role: 'WORKER' });
    for (const user of [worker, outsider]) {
      await t.app.inject({ method: 'POST', url: '/auth/logout', headers: user.headers, payload: {} });
    }
    const byAdmin = await t.app.inject({
      method: 'GET',
      url: `/audit?actorId=${outsider.id}&action=LOGOUT`,
      headers: admin.headers,
    });
    expect(byAdmin.json().data).toHaveLength(1);
    expect(byAdmin.json().pagination.total).toBe(1);

    const bySupervisor = (
      await t.app.inject({ method: 'GET', url: '/audit?action=LOGOUT&limit=100', headers: supervisor.headers })
    ).json();
    const actors = bySupervisor.data.map((row: { actorId: string }) => row.actorId);
    expect(actors).toContain(worker.id);
    expect(actors).not.toContain(outsider.id);

    const client = await createUser(t.app, { role: 'CLIENT' });
    expectError(await t.app.inject({ method: 'GET', url: '/audit', headers: client.headers }), 403, 'FORBIDDEN');
    expectError(await t.app.inject({ method: 'GET', url: '/audit', headers: worker.headers }), 401, 'UNAUTHORIZED');
    expectError(
      await t.app.inject({ method: 'GET', url: '/audit/verify', headers: supervisor.headers }),
      403,
      'FORBIDDEN',
    );
    const denials = await t.app.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.actorId, client.id));
    expect(denials.map((row) => row.action)).toContain('PERMISSION_DENIED');
  });

  it('rejects bad filters with the field named', async () => {
    const admin = await createUser(t.app, { role: 'ADMIN' });
    const response = await t.app.inject({
      method: 'GET',
      url: '/audit?limit=500&from=yesterday',
      headers: admin.headers,
    });
    const body = expectError(response, 400, 'VALIDATION_ERROR');
    expect(body.details?.map((d) => d.field)).toEqual(
      expect.arrayContaining(['querystring.limit', 'querystring.from']),
    );
  });
});
