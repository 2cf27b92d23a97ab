import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createTeam, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';

type Team = Awaited<ReturnType<typeof createTeam>>;
type Grant = { id: string; active: boolean; remainingSeconds: number; target: { firstName: string } | null };
const REASON = 'Client called the after-hours line and their supervisor is unreachable';

describe('break-glass: the time left on a grant, and the record marked as opened under it', () => {
  let t: TestApp;
  let a: Team;
  let b: Team;
  let grant: Grant;
  beforeAll(async () => {
    t = await startApp();
    a = await createTeam(t.app);
    b = await createTeam(t.app);
    const opened = await t.app.inject({
      method: 'POST',
      url: '/break-glass',
      headers: b.supervisor.headers,
      payload: { userId: a.client.id, reason: REASON },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    grant = opened.json().data;
  });
  afterAll(() => t.close());

  const grants = async (user: TestUser, query = '') => {
    const response = await t.app.inject({ method: 'GET', url: `/break-glass${query}`, headers: user.headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().data as Grant[];
  };

  it('the grant says whose record it opens and how long it has left', () => {
    expect(grant.active).toBe(true);
    expect(grant.target).toMatchObject({ firstName: a.client.firstName, role: 'CLIENT' });
    expect(grant.remainingSeconds).toBeGreaterThan(50 * 60);
    expect(grant.remainingSeconds).toBeLessThanOrEqual(60 * 60);
  });

  it("the supervisor's active grants, with the time left; the record read under it is marked", async () => {
    const active = await grants(b.supervisor, '?active=true');
    expect(active.map((g) => g.id)).toEqual([grant.id]);
    expect(active[0]?.remainingSeconds).toBeGreaterThan(0);
    const record = await t.app.inject({ method: 'GET', url: `/users/${a.client.id}`, headers: b.supervisor.headers });
    expect(record.statusCode, record.body).toBe(200);
    expect(record.json().data.breakGlass).toMatchObject({ grantId: grant.id, expiresAt: expect.any(String) });
    expect(record.json().data.breakGlass.remainingSeconds).toBeGreaterThan(0);
    // The team's own supervisor reads the same record without the mark.
    const own = await t.app.inject({ method: 'GET', url: `/users/${a.client.id}`, headers: a.supervisor.headers });
    expect(own.json().data.breakGlass).toBeUndefined();
  });

  it('an expired or closed grant is no longer active and has no time left', async () => {
    const [expired] = await t.app.deps.db
      .insert(schema.breakGlassGrants)
      .values({
        supervisorId: b.supervisor.id,
        targetUserId: a.worker.id,
        reason: REASON,
        createdAt: new Date(Date.now() - 2 * 3_600_000),
        expiresAt: new Date(Date.now() - 3_600_000),
      })
      .returning();
    const all = await grants(b.supervisor);
    expect(all.find((g) => g.id === expired!.id)).toMatchObject({ active: false, remainingSeconds: 0 });
    expect((await grants(b.supervisor, '?active=true')).map((g) => g.id)).not.toContain(expired!.id);

    const closed = await t.app.inject({
      method: 'POST',
      url: `/break-glass/${grant.id}/close`,
      headers: b.supervisor.headers,
      payload: {},
    });
    expect(closed.json().data).toMatchObject({ active: false, remainingSeconds: 0 });
    expect(await grants(b.supervisor, '?active=true')).toEqual([]);
    expectError(
      await t.app.inject({ method: 'GET', url: `/users/${a.client.id}`, headers: b.supervisor.headers }),
      404,
      'NOT_FOUND',
    );
  });

  it('outsiders: another supervisor does not see these grants; workers and clients are refused (403, logged)', async () => {
    expect((await grants(a.supervisor)).map((g) => g.id)).not.toContain(grant.id);
    for (const user of [a.worker, a.client]) {
      expectError(await t.app.inject({ method: 'GET', url: '/break-glass', headers: user.headers }), 403, 'FORBIDDEN');
      const denials = await t.app.deps.db
        .select()
        .from(schema.auditLog)
        .where(and(eq(schema.auditLog.actorId, user.id), eq(schema.auditLog.entityType, 'break_glass')));
      expect(denials).toHaveLength(1);
    }
  });
});
