import { schema } from '@caretracker/database';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createTeam, createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';

type Team = Awaited<ReturnType<typeof createTeam>>;
type Member = {
  id: string;
  worker: { id: string };
  assignmentRole: 'PRIMARY' | 'BACKUP';
  startsOn: string;
  endsOn: string | null;
  standing: string;
  version: number;
};

describe('care teams: /users/:id/care-team', () => {
  let t: TestApp;
  let a: Team;
  let b: Team;
  let admin: TestUser;
  beforeAll(async () => {
    t = await startApp();
    a = await createTeam(t.app);
    b = await createTeam(t.app);
    admin = await createUser(t.app, { role: 'ADMIN' });
  });
  afterAll(() => t.close());

  const send = (user: TestUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });
  const team = async (user: TestUser, clientId: string) => {
    const response = await send(user, 'GET', `/users/${clientId}/care-team`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().data as { supervisor: { id: string } | null; members: Member[] };
  };
  const rows = (clientId: string) =>
    t.app.deps.db.select().from(schema.careTeamAssignments).where(eq(schema.careTeamAssignments.clientId, clientId));
  const auditRows = (clientId: string) =>
    t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityType, 'care_team'), eq(schema.auditLog.entityId, clientId)))
      .orderBy(desc(schema.auditLog.seq));

  it('shows the supervisor and the primary worker, and audits the read', async () => {
    const answer = await team(a.supervisor, a.client.id);
    expect(answer.supervisor?.id).toBe(a.supervisor.id);
    expect(answer.members).toEqual([
      expect.objectContaining({
        worker: expect.objectContaining({ id: a.worker.id }),
        assignmentRole: 'PRIMARY',
        standing: 'CURRENT',
      }),
    ]);
    expect((await auditRows(a.client.id)).some((row) => row.action === 'PHI_READ')).toBe(true);
  });

  it('a new primary makes the previous one a backup; ending keeps the history; the same worker comes back', async () => {
    const client = await createUser(t.app, { role: 'CLIENT', supervisorId: a.supervisor.id });
    const first = await createUser(t.app, { role: 'WORKER', supervisorId: a.supervisor.id });
    const second = await createUser(t.app, { role: 'WORKER', supervisorId: a.supervisor.id });
    const put = async (worker: TestUser, role: 'PRIMARY' | 'BACKUP') => {
      const response = await send(a.supervisor, 'POST', `/users/${client.id}/care-team`, {
        workerId: worker.id,
        assignmentRole: role,
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().data as Member;
    };
    const firstMember = await put(first, 'PRIMARY');
    await put(second, 'PRIMARY');
    let members = (await team(admin, client.id)).members;
    expect(members.map((m) => [m.worker.id, m.assignmentRole])).toEqual([
      [second.id, 'PRIMARY'],
      [first.id, 'BACKUP'],
    ]);

    const again = await send(a.supervisor, 'POST', `/users/${client.id}/care-team`, {
      workerId: first.id,
      assignmentRole: 'BACKUP',
    });
    expectError(again, 409, 'CONFLICT');

    const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    await t.app.deps.db
      .update(schema.careTeamAssignments)
      .set({ startsOn: '2024-01-01' })
      .where(eq(schema.careTeamAssignments.id, firstMember.id));
    const end = await send(admin, 'POST', `/users/${client.id}/care-team/${firstMember.id}/end`, { endsOn: yesterday });
    expect(end.statusCode, end.body).toBe(200);
    members = (await team(admin, client.id)).members;
    expect(members.at(-1)).toMatchObject({ worker: { id: first.id }, endsOn: yesterday, standing: 'ENDED' });

    const back = await put(first, 'BACKUP');
    expect(back).toMatchObject({ id: firstMember.id, endsOn: null, standing: 'CURRENT' });
    expect((await rows(client.id)).length).toBe(2);
    const actions = (await auditRows(client.id)).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(['CARE_TEAM_ASSIGNED', 'CARE_TEAM_CHANGED', 'CARE_TEAM_ENDED']));
  });

  it('changes a role and dates with the version read, refusing a stale version and dates out of order', async () => {
    const client = await createUser(t.app, { role: 'CLIENT', supervisorId: a.supervisor.id });
    const worker = await createUser(t.app, { role: 'WORKER', supervisorId: a.supervisor.id });
    const created = (
      await send(admin, 'POST', `/users/${client.id}/care-team`, { workerId: worker.id, assignmentRole: 'BACKUP' })
    ).json().data as Member;
    const changed = await send(admin, 'PUT', `/users/${client.id}/care-team/${created.id}`, {
      assignmentRole: 'PRIMARY',
      endsOn: '2099-12-31',
      version: created.version,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().data).toMatchObject({ assignmentRole: 'PRIMARY', endsOn: '2099-12-31' });
    const stale = await send(admin, 'PUT', `/users/${client.id}/care-team/${created.id}`, {
      assignmentRole: 'BACKUP',
      version: created.version,
    });
    expectError(stale, 409, 'CONFLICT');
    const backwards = await send(admin, 'PUT', `/users/${client.id}/care-team/${created.id}`, {
      startsOn: '2099-06-01',
      endsOn: '2099-01-01',
    });
    expect(backwards.statusCode).toBe(400);
  });

  it('withdraws an assignment that has not started yet', async () => {
    const client = await createUser(t.app, { role: 'CLIENT', supervisorId: a.supervisor.id });
    const worker = await createUser(t.app, { role: 'WORKER', supervisorId: a.supervisor.id });
    const created = (
      await send(admin, 'POST', `/users/${client.id}/care-team`, {
        workerId: worker.id,
        assignmentRole: 'BACKUP',
        startsOn: '2099-01-01',
      })
    ).json().data as Member;
    const end = await send(admin, 'POST', `/users/${client.id}/care-team/${created.id}/end`, {});
    expect(end.json().data).toEqual({ withdrawn: true });
    expect((await team(admin, client.id)).members).toEqual([]);
  });

  it('outsiders: another team, a worker and a client are refused and nothing changes', async () => {
    const before = await rows(a.client.id);
    const [assignment] = before;
    if (!assignment) throw new Error('team A has no assignment');
    // Team B's supervisor: team A's client does not exist for them.
    expectError(await send(b.supervisor, 'GET', `/users/${a.client.id}/care-team`), 404, 'NOT_FOUND');
    expectError(
      await send(b.supervisor, 'POST', `/users/${a.client.id}/care-team`, {
        workerId: b.worker.id,
        assignmentRole: 'BACKUP',
      }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await send(b.supervisor, 'PUT', `/users/${a.client.id}/care-team/${assignment.id}`, { assignmentRole: 'BACKUP' }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await send(b.supervisor, 'POST', `/users/${a.client.id}/care-team/${assignment.id}/end`, {}),
      404,
      'NOT_FOUND',
    );
    // Team A's supervisor may not put team B's worker on their client.
    expectError(
      await send(a.supervisor, 'POST', `/users/${a.client.id}/care-team`, {
        workerId: b.worker.id,
        assignmentRole: 'BACKUP',
      }),
      422,
      'UNPROCESSABLE',
    );
    // An assignment of another client is not found through this client.
    const [other] = await rows(b.client.id);
    if (!other) throw new Error('team B has no assignment');
    expectError(
      await send(admin, 'PUT', `/users/${a.client.id}/care-team/${other.id}`, { assignmentRole: 'BACKUP' }),
      404,
      'NOT_FOUND',
    );
    // The worker and the client themselves: the office's screen is not theirs.
    for (const user of [a.worker, a.client]) {
      expectError(await send(user, 'GET', `/users/${a.client.id}/care-team`), 403, 'FORBIDDEN');
      expectError(
        await send(user, 'POST', `/users/${a.client.id}/care-team/${assignment.id}/end`, {}),
        403,
        'FORBIDDEN',
      );
    }
    expect(await rows(a.client.id)).toEqual(before);
    expect(await rows(b.client.id)).toHaveLength(1);
    const denied = (await auditRows(a.client.id)).filter((row) => row.action === 'PERMISSION_DENIED');
    expect(denied.length).toBeGreaterThan(0);
  });
});
