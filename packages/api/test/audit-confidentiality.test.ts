import { createHash } from 'node:crypto';
import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createUser, TEST_PASSWORD, type TestUser } from './helpers/factories';
import { createMessagingCast, messagingClient } from './helpers/messaging';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The audit trail is not a side door: a reader of GET /audit sees ids, statuses and times, never
 * the words of a conversation they cannot open, nor anyone's session id.
 */
describe('audit answers hold no message text and no session ids', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof createMessagingCast>>;
  const { ok, open, post, call } = messagingClient(() => t.app);
  const auditAs = async (user: TestUser, query: string) => {
    const response = await t.app.inject({ method: 'GET', url: `/audit?limit=100&${query}`, headers: user.headers });
    expect(response.statusCode, response.body).toBe(200);
    return response;
  };

  beforeAll(async () => {
    t = await startApp();
    cast = await createMessagingCast(t.app);
  });
  afterAll(() => t.close());

  it('a supervisor removed from a conversation reads its message events without their text', async () => {
    const { a, admin } = cast;
    const subject = `Subject ${crypto.randomUUID()}`;
    const first = `First words ${crypto.randomUUID()}`;
    const convo = await open(a.worker, { clientId: a.client.id, subject, message: first });
    await ok(admin, 'DELETE', `/conversations/${convo.id}/participants/${a.supervisor.id}`);
    const later = `Said after the supervisor left ${crypto.randomUUID()}`;
    const posted = await post(a.worker, convo.id, later);
    expect((await call(a.supervisor, 'GET', `/conversations/${convo.id}/messages`)).statusCode).toBe(404);

    // The rows are there for the supervisor (a team worker wrote them), the words are not.
    const answer = await auditAs(a.supervisor, `actorId=${a.worker.id}`);
    const rows = answer.json().data as Array<{ action: string; entityId: string; newValues: Record<string, unknown> }>;
    const created = rows.find((row) => row.action === 'MESSAGE_CREATED' && row.entityId === posted.id);
    expect(created?.newValues).toEqual({
      conversationId: convo.id,
      body: { length: later.length, sha256: sha256(later) },
      attachmentFileIds: [],
    });
    expect(rows.some((row) => row.action === 'CONVERSATION_CREATED')).toBe(true);
    for (const text of [subject, first, later]) expect(answer.body).not.toContain(text);

    // Stored that way too: the database row keeps the length and hash, never the text.
    const [stored] = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityId, posted.id), eq(schema.auditLog.action, 'MESSAGE_CREATED')));
    expect(JSON.stringify(stored)).not.toContain(later);
  });

  it('login, logout and their sessions appear by reference, never by id', async () => {
    const { a, admin } = cast;
    const login = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: a.backup.email, password: TEST_PASSWORD, tokenDelivery: 'body' },
    });
    expect(login.statusCode, login.body).toBe(200);
    const token = login.json().data.accessToken as string;
    const logout = await t.app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: { authorization: `Bearer ${token}` },
      payload: {},
    });
    expect(logout.statusCode, logout.body).toBe(200);
    const sessionIds = (
      await t.app.deps.db
        .select({ id: schema.sessions.id })
        .from(schema.sessions)
        .where(eq(schema.sessions.userId, a.backup.id))
    ).map((row) => row.id);
    expect(sessionIds.length).toBeGreaterThan(1);

    for (const reader of [a.supervisor, admin]) {
      const answer = await auditAs(reader, `actorId=${a.backup.id}`);
      const actions = (answer.json().data as Array<{ action: string }>).map((row) => row.action);
      expect(actions).toEqual(expect.arrayContaining(['LOGIN_SUCCESS', 'LOGOUT']));
      for (const id of sessionIds) expect(answer.body).not.toContain(id);
    }
    const byAdmin = (await auditAs(admin, `actorId=${a.backup.id}`)).json().data as Array<{
      action: string;
      entityId: string;
      metadata: { sessionId?: string } | null;
    }>;
    const signedIn = byAdmin.find((row) => row.action === 'LOGIN_SUCCESS');
    const signedOut = byAdmin.find((row) => row.action === 'LOGOUT');
    // The reference still links a session's rows: the login's metadata and the logout's entity.
    expect(signedIn?.metadata?.sessionId).toMatch(/^[0-9a-f]{64}$/);
    expect(signedOut?.entityId).toBe(signedIn?.metadata?.sessionId);
    expect(sessionIds.map(sha256)).toContain(signedOut?.entityId);
  });

  it('rows written before these rules answer in the same shape, and the chain still verifies', async () => {
    const { a, admin } = cast;
    const sessionId = crypto.randomUUID();
    const body = `An old message about ${crypto.randomUUID()}`;
    // As the trail held them before: written straight to the table, the text and the id verbatim.
    await t.app.deps.db.insert(schema.auditLog).values([
      {
        action: 'MESSAGE_CREATED',
        entityType: 'message',
        entityId: crypto.randomUUID(),
        newValues: { conversationId: crypto.randomUUID(), body },
        dataClassification: 'PHI',
        actorId: a.worker.id,
        actorRole: 'WORKER',
      },
      {
        action: 'LOGIN_SUCCESS',
        entityType: 'user',
        entityId: a.worker.id,
        metadata: { method: 'password', sessionId },
        dataClassification: 'SECURITY',
        actorId: a.worker.id,
        actorRole: 'WORKER',
      },
      {
        action: 'LOGOUT',
        entityType: 'session',
        entityId: sessionId,
        dataClassification: 'SECURITY',
        actorId: a.worker.id,
        actorRole: 'WORKER',
      },
    ]);
    for (const reader of [a.supervisor, admin]) {
      const answer = await auditAs(reader, `actorId=${a.worker.id}`);
      expect(answer.body).not.toContain(body);
      expect(answer.body).not.toContain(sessionId);
      expect(answer.body).toContain(sha256(body));
      expect(answer.body).toContain(sha256(sessionId));
    }
    const verified = await t.app.inject({ method: 'GET', url: '/audit/verify', headers: admin.headers });
    expect(verified.json().data).toMatchObject({ valid: true, broken: [] });
  });

  it('every other kind of prose is kept as length and hash: notes, reasons, file names', async () => {
    const { audit, db } = t.app.deps;
    const entityId = crypto.randomUUID();
    const secret = 'Client disclosed a fall at home';
    await audit.record({
      action: 'TEST_PROSE',
      entityType: 'test',
      entityId,
      classification: 'PHI',
      oldValues: { notes: secret, status: 'OPEN', 'profile.specialNeeds': 'Uses a walker' },
      newValues: {
        privateNotes: secret,
        reason: secret,
        documentation: { followUpNote: secret, activities: [{ name: 'Bathing', note: secret }] },
        originalName: `${secret}.pdf`,
        codes: ['I10'],
        diagnosisCodes: ['I10'],
      },
      metadata: { reason: 'not a participant (read)', note: secret, sessionId: 'b1b0d5c0-0000-4000-8000-000000000000' },
    });
    const [row] = await db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, entityId));
    expect(JSON.stringify(row)).not.toContain('disclosed');
    const digest = { length: secret.length, sha256: sha256(secret) };
    expect(row?.oldValues).toEqual({ notes: digest, status: 'OPEN', 'profile.specialNeeds': 'Uses a walker' });
    expect(row?.newValues).toMatchObject({
      privateNotes: digest,
      reason: digest,
      documentation: { followUpNote: digest, activities: [{ name: 'Bathing', note: digest }] },
      codes: '[redacted]',
      diagnosisCodes: ['I10'],
    });
    // In metadata `reason` is the audit's own context (here a denial's rule), kept as written.
    expect(row?.metadata).toEqual({
      reason: 'not a participant (read)',
      note: digest,
      sessionId: sha256('b1b0d5c0-0000-4000-8000-000000000000'),
    });
  });

  it('outsiders still cannot read the trail', async () => {
    const client = await createUser(t.app, { role: 'CLIENT' });
    const refused = await t.app.inject({ method: 'GET', url: '/audit', headers: client.headers });
    expect(refused.statusCode).toBe(403);
  });
});
