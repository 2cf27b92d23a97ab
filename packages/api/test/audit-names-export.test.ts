import { schema } from '@caretracker/database';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createTeam, createUser } from './helpers/factories';
import { expectError } from './helpers/http';

// The audit log screen's needs: names in the list, several actions in one filter, the CSV export.
describe('audit log: names, action lists and the CSV export', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  const readOf = (entityId: string, actor: { id: string; role: string }) =>
    t.app.deps.audit.record({ action: 'PHI_READ', entityType: 'user', entityId, classification: 'PHI', actor });

  it('names who did it and, where the reader may see them, whom it was about', async () => {
    const admin = await createUser(t.app, { role: 'ADMIN', firstName: 'Ada', lastName: 'Auditor' });
    const mine = await createTeam(t.app);
    const other = await createTeam(t.app);
    await readOf(mine.client.id, { id: mine.worker.id, role: 'WORKER' });
    // The supervisor's own look outside the team: listed (it is theirs), the person not named.
    await readOf(other.client.id, { id: mine.supervisor.id, role: 'SUPERVISOR' });

    const byAdmin = await t.app.inject({
      method: 'GET',
      url: `/audit?entityType=user&entityId=${mine.client.id}&action=PHI_READ`,
      headers: admin.headers,
    });
    expect(byAdmin.statusCode).toBe(200);
    const [row] = byAdmin.json().data;
    expect(row.actor).toEqual({
      id: mine.worker.id,
      role: 'WORKER',
      firstName: mine.worker.firstName,
      lastName: mine.worker.lastName,
    });
    expect(row.subject).toMatchObject({ id: mine.client.id, role: 'CLIENT', firstName: mine.client.firstName });

    const bySupervisor = await t.app.inject({
      method: 'GET',
      url: `/audit?actorId=${mine.supervisor.id}&action=PHI_READ`,
      headers: mine.supervisor.headers,
    });
    const outside = bySupervisor.json().data.find((entry: { entityId: string }) => entry.entityId === other.client.id);
    expect(outside.actor.id).toBe(mine.supervisor.id);
    expect(outside.subject).toBeNull();
  });

  it('filters on several actions at once; a malformed list is refused', async () => {
    const admin = await createUser(t.app, { role: 'ADMIN' });
    const worker = await createUser(t.app, { role: 'WORKER' });
    const actor = { id: worker.id, role: 'WORKER' };
    await readOf(worker.id, actor);
    await t.app.deps.audit.record({
      action: 'USER_UPDATED',
      entityType: 'user',
      entityId: worker.id,
      classification: 'PII',
      actor,
    });
    await t.app.deps.audit.record({
      action: 'LOGOUT',
      entityType: 'session',
      entityId: 'x',
      classification: 'SECURITY',
      actor,
    });
    const list = (action: string) =>
      t.app.inject({ method: 'GET', url: `/audit?actorId=${worker.id}&action=${action}`, headers: admin.headers });
    const both = (await list('PHI_READ,USER_UPDATED')).json().data.map((row: { action: string }) => row.action);
    expect(both.sort()).toEqual(['PHI_READ', 'USER_UPDATED']);
    expectError(await list('PHI_READ;drop'), 400, 'VALIDATION_ERROR');
  });

  it('GET /audit/export: admins download the filtered rows as CSV, and the export is audited', async () => {
    const admin = await createUser(t.app, { role: 'ADMIN' });
    const { client, worker } = await createTeam(t.app);
    await readOf(client.id, { id: worker.id, role: 'WORKER' });
    await readOf(client.id, { id: worker.id, role: 'WORKER' });
    const response = await t.app.inject({
      method: 'GET',
      url: `/audit/export?entityType=user&entityId=${client.id}&action=PHI_READ`,
      headers: admin.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = response.body.trim().split('\n');
    expect(lines[0]).toMatch(/^When \(.+\),Who,Role,Action,Record type,Record id,Person,Outcome/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`${worker.firstName} ${worker.lastName},WORKER,PHI_READ,user,${client.id}`);
    expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},/);

    const [exported] = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.actorId, admin.id), eq(schema.auditLog.action, 'EXPORT')))
      .orderBy(desc(schema.auditLog.seq))
      .limit(1);
    expect(exported).toMatchObject({ entityType: 'audit_log', outcome: 'SUCCESS' });
    expect(exported?.metadata).toMatchObject({
      format: 'csv',
      rows: 2,
      truncated: false,
      filters: { entityId: client.id },
    });
  });

  it('outsiders: supervisors, workers and clients may not export (refusal audited)', async () => {
    const { supervisor, worker, client } = await createTeam(t.app);
    for (const user of [supervisor, client]) {
      expectError(await t.app.inject({ method: 'GET', url: '/audit/export', headers: user.headers }), 403, 'FORBIDDEN');
      const denials = await t.app.deps.db
        .select()
        .from(schema.auditLog)
        .where(and(eq(schema.auditLog.actorId, user.id), eq(schema.auditLog.action, 'PERMISSION_DENIED')));
      expect(denials.map((row) => row.entityType)).toContain('audit_log');
    }
    // Workers sign in to the worker app only; the office API does not know their token here.
    const byWorker = await t.app.inject({ method: 'GET', url: '/audit/export', headers: worker.headers });
    expect([401, 403]).toContain(byWorker.statusCode);
    const exports = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.actorId, supervisor.id), eq(schema.auditLog.action, 'EXPORT')));
    expect(exports).toHaveLength(0);
  });
});
