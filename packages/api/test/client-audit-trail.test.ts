import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createTeam, createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';
import { insertVisit } from './helpers/visits';

type Team = Awaited<ReturnType<typeof createTeam>>;
type Entry = {
  seq: number;
  action: string;
  entityType: string;
  entityId: string | null;
  actor: { id: string; firstName: string | null } | null;
  changedFields: string[];
  breakGlass: boolean;
};
type Trail = { entries: Entry[]; page: { hasMore: boolean; nextBefore: number | null } };

describe("GET /users/:id/audit-trail: who looked at or changed a client's record", () => {
  let t: TestApp;
  let a: Team;
  let b: Team;
  let admin: TestUser;
  let visitId: string;
  let planId: string;
  beforeAll(async () => {
    t = await startApp();
    a = await createTeam(t.app);
    b = await createTeam(t.app);
    admin = await createUser(t.app, { role: 'ADMIN' });
    const call = async (user: TestUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
      const response = await t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });
      expect(response.statusCode, response.body).toBeLessThan(300);
      return response.json().data;
    };
    // The supervisor reads the client, changes their phone, writes a care plan; the worker reads a visit.
    await call(a.supervisor, 'GET', `/users/${a.client.id}`);
    await call(a.supervisor, 'PUT', `/users/${a.client.id}`, { profile: { phone: '+1 503 555 0199' } });
    planId = (
      await call(a.supervisor, 'POST', '/careplans', {
        clientId: a.client.id,
        title: 'Mobility',
        startsOn: '2025-03-01',
        nextReviewOn: '2025-06-01',
      })
    ).id;
    const start = new Date(Date.now() + 3 * 86_400_000);
    visitId = (
      await insertVisit(t.app, {
        client: a.client,
        worker: a.worker,
        start,
        end: new Date(start.getTime() + 3_600_000),
      })
    ).id;
    await call(a.worker, 'GET', `/visits/${visitId}`);
    // Team B's supervisor opens the record under break-glass; B's own client is read too (not in A's trail).
    await call(b.supervisor, 'POST', '/break-glass', {
      userId: a.client.id,
      reason: 'Client called the after-hours line and their supervisor is unreachable',
    });
    await call(b.supervisor, 'GET', `/users/${a.client.id}`);
    await call(b.supervisor, 'GET', `/users/${b.client.id}`);
  });
  afterAll(() => t.close());

  const trail = async (user: TestUser, query = '', id = a.client.id) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/users/${id}/audit-trail${query}`,
      headers: user.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().data as Trail;
  };

  it('the record and the records about the client, newest first, with who, and break-glass marked', async () => {
    const { entries } = await trail(admin);
    const seqs = entries.map((entry) => entry.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => y - x));
    const summary = entries.map((entry) => `${entry.action} ${entry.entityType} ${entry.actor?.id ?? '-'}`);
    expect(summary).toEqual(
      expect.arrayContaining([
        `PHI_READ user ${a.supervisor.id}`,
        `USER_UPDATED user ${a.supervisor.id}`,
        `CARE_PLAN_CREATED care_plan ${a.supervisor.id}`,
        `PHI_READ visit ${a.worker.id}`,
        `BREAK_GLASS_OPENED user ${b.supervisor.id}`,
      ]),
    );
    const update = entries.find((entry) => entry.action === 'USER_UPDATED');
    expect(update?.changedFields).toContain('profile.phone');
    const emergencyRead = entries.find((entry) => entry.actor?.id === b.supervisor.id && entry.action === 'PHI_READ');
    expect(emergencyRead).toMatchObject({ breakGlass: true, entityId: a.client.id });
    expect(
      entries.find((entry) => entry.actor?.id === a.supervisor.id && entry.action === 'PHI_READ')?.breakGlass,
    ).toBe(false);
    expect(entries.some((entry) => entry.entityId === b.client.id)).toBe(false);
    expect(entries.find((entry) => entry.entityId === planId)).toBeDefined();
    expect(entries.find((entry) => entry.entityId === visitId)).toBeDefined();
  });

  it('scope=record keeps to the user record; pages follow `before` without overlap', async () => {
    const record = await trail(admin, '?scope=record');
    expect(new Set(record.entries.map((entry) => entry.entityType))).toEqual(new Set(['user']));
    const first = await trail(admin, '?limit=2');
    expect(first.entries).toHaveLength(2);
    expect(first.page.hasMore).toBe(true);
    const second = await trail(admin, `?limit=2&before=${first.page.nextBefore}`);
    expect(Math.max(...second.entries.map((entry) => entry.seq))).toBeLessThan(
      Math.min(...first.entries.map((entry) => entry.seq)),
    );
  });

  it("the team's supervisor reads it; each read of a trail is itself audited", async () => {
    const own = await trail(a.supervisor);
    expect(own.entries.length).toBeGreaterThan(0);
    const reads = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.actorId, a.supervisor.id), eq(schema.auditLog.action, 'AUDIT_TRAIL_READ')));
    expect(reads).toHaveLength(1);
    expect(reads[0]?.entityId).toBe(a.client.id);
  });

  it('outsiders: another team’s supervisor gets 404 even under break-glass; workers and clients 403; all logged', async () => {
    expectError(
      await t.app.inject({ method: 'GET', url: `/users/${a.client.id}/audit-trail`, headers: b.supervisor.headers }),
      404,
      'NOT_FOUND',
    );
    for (const user of [a.worker, a.client]) {
      expectError(
        await t.app.inject({ method: 'GET', url: `/users/${a.client.id}/audit-trail`, headers: user.headers }),
        403,
        'FORBIDDEN',
      );
    }
    for (const user of [b.supervisor, a.worker, a.client]) {
      const denials = await t.app.deps.db
        .select()
        .from(schema.auditLog)
        .where(
          and(
            eq(schema.auditLog.actorId, user.id),
            eq(schema.auditLog.action, 'PERMISSION_DENIED'),
            eq(schema.auditLog.entityId, a.client.id),
          ),
        );
      expect(denials, user.role).toHaveLength(1);
    }
  });

  it("shows no prose or session id: rows answer in the audit log's shape, old rows included", async () => {
    const note = `Private trail note ${crypto.randomUUID()}`;
    const sessionId = crypto.randomUUID();
    // Written the way rows were before the audit kept digests (the read side must shape them too).
    await t.app.deps.db.insert(schema.auditLog).values({
      action: 'VISIT_UPDATED',
      entityType: 'visit',
      entityId: visitId,
      newValues: { notes: note },
      metadata: { sessionId },
      dataClassification: 'PHI',
      actorId: a.worker.id,
      actorRole: 'WORKER',
    });
    const response = await t.app.inject({
      method: 'GET',
      url: `/users/${a.client.id}/audit-trail?scope=all`,
      headers: admin.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('VISIT_UPDATED');
    expect(response.body).not.toContain(note);
    expect(response.body).not.toContain(sessionId);
  });
});
