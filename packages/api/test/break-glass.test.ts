import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createTeam, createUser } from './helpers/factories';
import { expectError } from './helpers/http';

const REASON = 'Client fell at home; primary worker unreachable, need allergies now';

describe('break-glass access', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  const open = (headers: Record<string, string>, userId: string, reason = REASON) =>
    t.app.inject({ method: 'POST', url: '/break-glass', headers, payload: { userId, reason } });

  it('a supervisor opens a record outside the team with a reason: time-limited, audited, admins told', async () => {
    const mine = await createTeam(t.app);
    const other = await createTeam(t.app);
    const admin = await createUser(t.app, { role: 'ADMIN' });
    const before = Date.now();
    const response = await open(mine.supervisor.headers, other.client.id);
    expect(response.statusCode).toBe(201);
    const grant = response.json().data;
    expect(grant).toMatchObject({
      supervisorId: mine.supervisor.id,
      targetUserId: other.client.id,
      active: true,
      reason: REASON,
    });
    const minutes = (Date.parse(grant.expiresAt) - before) / 60_000;
    expect(minutes).toBeGreaterThan(59);
    expect(minutes).toBeLessThanOrEqual(60.1);

    const [row] = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, 'BREAK_GLASS_OPENED'), eq(schema.auditLog.entityId, other.client.id)));
    expect(row).toMatchObject({ actorId: mine.supervisor.id, dataClassification: 'PHI' });
    expect(row?.metadata).toMatchObject({ grantId: grant.id, reason: REASON });

    const mail = await t.app.deps.db
      .select()
      .from(schema.emailOutbox)
      .where(eq(schema.emailOutbox.toAddress, admin.email));
    const opened = mail.find((m) => m.subject === 'Break-glass access opened' && m.textBody?.includes(grant.id));
    expect(opened).toBeDefined();
    // Email leaves the system: it names the supervisor, not the person whose record it is, nor the reason.
    const [client] = await t.app.deps.db
      .select({ lastName: schema.users.lastName })
      .from(schema.users)
      .where(eq(schema.users.id, other.client.id));
    expect(opened!.textBody).not.toContain(client!.lastName);
    expect(opened!.textBody).not.toContain(REASON);
    expect(opened!.textBody).toContain('The record and the reason given are in the audit log.');
    // The end of access as the admin reads a clock (their zone; the agency's when unset), not UTC.
    const ends = new Intl.DateTimeFormat('en-US', {
      timeZone: t.app.deps.config.AGENCY_TIMEZONE,
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    }).format(new Date(grant.expiresAt));
    expect(opened!.textBody).toContain(`Access ends at ${ends}`);
    expect(opened!.textBody).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);

    const listed = (await t.app.inject({ method: 'GET', url: '/break-glass', headers: admin.headers })).json().data;
    expect(listed.map((g: { id: string }) => g.id)).toContain(grant.id);
    const own = (await t.app.inject({ method: 'GET', url: '/break-glass', headers: other.supervisor.headers })).json()
      .data;
    expect(own.map((g: { id: string }) => g.id)).not.toContain(grant.id);

    const closed = await t.app.inject({
      method: 'POST',
      url: `/break-glass/${grant.id}/close`,
      headers: mine.supervisor.headers,
      payload: {},
    });
    expect(closed.json().data.active).toBe(false);
  });

  it("words the admins' email in each admin's language: Spanish for a Spanish-speaking admin", async () => {
    const mine = await createTeam(t.app);
    const other = await createTeam(t.app);
    const spanish = await createUser(t.app, { role: 'ADMIN' });
    await t.app.deps.db
      .update(schema.profiles)
      .set({ timezone: 'Europe/Madrid', preferredLanguage: 'es' })
      .where(eq(schema.profiles.userId, spanish.id));
    const response = await open(mine.supervisor.headers, other.client.id);
    expect(response.statusCode).toBe(201);
    const grant = response.json().data;
    const mail = await t.app.deps.db
      .select()
      .from(schema.emailOutbox)
      .where(eq(schema.emailOutbox.toAddress, spanish.email));
    const opened = mail.find((m) => m.textBody?.includes(grant.id));
    expect(opened?.subject).toBe('Acceso de emergencia abierto');
    const ends = new Intl.DateTimeFormat('es-ES', {
      timeZone: 'Europe/Madrid',
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    }).format(new Date(grant.expiresAt));
    expect(opened!.textBody).not.toContain(REASON);
    expect(opened!.textBody).toContain(`El acceso termina el ${ends}`);
    expect(opened!.textBody).not.toContain('Access ends');
  });

  it('needs a real reason, a supervisor, and a person outside the team', async () => {
    const mine = await createTeam(t.app);
    const other = await createTeam(t.app);
    const short = expectError(
      await open(mine.supervisor.headers, other.client.id, 'emergency'),
      400,
      'VALIDATION_ERROR',
    );
    expect(short.details?.[0]?.field).toBe('body.reason');
    expectError(await open(mine.worker.headers, other.client.id), 403, 'FORBIDDEN');
    expectError(await open(mine.client.headers, other.client.id), 403, 'FORBIDDEN');
    expectError(await open(mine.supervisor.headers, mine.client.id), 422, 'UNPROCESSABLE');
    expectError(await open(mine.supervisor.headers, crypto.randomUUID()), 404, 'NOT_FOUND');
    const admin = await createUser(t.app, { role: 'ADMIN' });
    expectError(await open(mine.supervisor.headers, admin.id), 404, 'NOT_FOUND');
    const grants = await t.app.deps.db
      .select()
      .from(schema.breakGlassGrants)
      .where(eq(schema.breakGlassGrants.supervisorId, mine.supervisor.id));
    expect(grants).toHaveLength(0);
  });

  it('another supervisor cannot close someone else’s grant (404, a denial row); workers cannot list grants', async () => {
    const mine = await createTeam(t.app);
    const other = await createTeam(t.app);
    const grant = (await open(mine.supervisor.headers, other.client.id)).json().data;
    const response = await t.app.inject({
      method: 'POST',
      url: `/break-glass/${grant.id}/close`,
      headers: other.supervisor.headers,
      payload: {},
    });
    expectError(response, 404, 'NOT_FOUND');
    const [row] = await t.app.deps.db
      .select()
      .from(schema.breakGlassGrants)
      .where(eq(schema.breakGlassGrants.id, grant.id));
    expect(row?.revokedAt).toBeNull();
    const denials = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, 'PERMISSION_DENIED'), eq(schema.auditLog.entityId, grant.id)));
    expect(denials).toHaveLength(1);
    expect(denials[0]).toMatchObject({
      actorId: other.supervisor.id,
      actorRole: 'SUPERVISOR',
      entityType: 'break_glass',
      outcome: 'DENIED',
    });
    // A worker trying the same is refused and recorded alike.
    const byWorker = await t.app.inject({
      method: 'POST',
      url: `/break-glass/${grant.id}/close`,
      headers: other.worker.headers,
      payload: {},
    });
    expectError(byWorker, 404, 'NOT_FOUND');
    const [stillOpen] = await t.app.deps.db
      .select()
      .from(schema.breakGlassGrants)
      .where(eq(schema.breakGlassGrants.id, grant.id));
    expect(stillOpen?.revokedAt).toBeNull();
    expectError(
      await t.app.inject({ method: 'GET', url: '/break-glass', headers: mine.worker.headers }),
      403,
      'FORBIDDEN',
    );
  });
});
