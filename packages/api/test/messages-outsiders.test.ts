import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createTeam, createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';

type Team = Awaited<ReturnType<typeof createTeam>>;

describe('messaging: outsiders get 404 on every conversation endpoint, nothing changes, the denial is logged', () => {
  let t: TestApp;
  let a: Team;
  let b: Team;
  let unassigned: TestUser;
  let familyOfB: TestUser;
  let convoId: string;
  let messageId: string;
  beforeAll(async () => {
    t = await startApp();
    a = await createTeam(t.app);
    b = await createTeam(t.app);
    // In team A but not on this client's care team, so not a participant.
    unassigned = await createUser(t.app, { role: 'WORKER', supervisorId: a.supervisor.id });
    familyOfB = await createUser(t.app, { role: 'CLIENT', supervisorId: b.supervisor.id });
    const opened = await t.app.inject({
      method: 'POST',
      url: '/conversations',
      headers: a.supervisor.headers,
      payload: { clientId: a.client.id, subject: 'Private', message: 'Blood sugar was high today' },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    convoId = opened.json().data.id;
    const thread = await t.app.inject({
      method: 'GET',
      url: `/conversations/${convoId}/messages`,
      headers: a.client.headers,
    });
    messageId = thread.json().data[0].id;
  });
  afterAll(() => t.close());

  async function snapshot() {
    const { db } = t.app.deps;
    const conversation = await db.select().from(schema.conversations).where(eq(schema.conversations.id, convoId));
    const participants = await db
      .select()
      .from(schema.conversationParticipants)
      .where(eq(schema.conversationParticipants.conversationId, convoId));
    const messages = await db.select().from(schema.messages).where(eq(schema.messages.conversationId, convoId));
    return { conversation, participants: participants.sort((x, y) => x.id.localeCompare(y.id)), messages };
  }

  const endpoints = (): Array<{ method: 'GET' | 'POST' | 'DELETE'; url: string; payload?: object }> => [
    { method: 'GET', url: `/conversations/${convoId}` },
    { method: 'GET', url: `/conversations/${convoId}/messages` },
    { method: 'POST', url: `/conversations/${convoId}/messages`, payload: { body: 'let me in' } },
    { method: 'POST', url: `/conversations/${convoId}/read`, payload: {} },
    { method: 'POST', url: `/conversations/${convoId}/read`, payload: { upToMessageId: messageId } },
    { method: 'POST', url: `/conversations/${convoId}/participants`, payload: { userId: b.supervisor.id } },
    { method: 'DELETE', url: `/conversations/${convoId}/participants/${a.worker.id}` },
  ];

  it.each([
    ['another team’s supervisor', () => b.supervisor],
    ['another team’s worker', () => b.worker],
    ['another client', () => b.client],
    ['another client’s family contact', () => familyOfB],
    ['a worker of the same team not on this client’s care team', () => unassigned],
  ])('%s', async (_label, who) => {
    const outsider = who();
    const before = await snapshot();
    for (const { method, url, payload } of endpoints()) {
      const response = await t.app.inject({ method, url, headers: outsider.headers, ...(payload ? { payload } : {}) });
      expectError(response, 404, 'NOT_FOUND');
    }
    expect(await snapshot()).toEqual(before);
    const denials = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(
        and(
          eq(schema.auditLog.action, 'PERMISSION_DENIED'),
          eq(schema.auditLog.entityId, convoId),
          eq(schema.auditLog.actorId, outsider.id),
        ),
      );
    expect(denials).toHaveLength(endpoints().length);
    const list = await t.app.inject({ method: 'GET', url: '/conversations?limit=100', headers: outsider.headers });
    expect(list.json().data.map((c: { id: string }) => c.id)).not.toContain(convoId);
    const search = await t.app.inject({
      method: 'GET',
      url: '/messages/search?q=blood+sugar',
      headers: outsider.headers,
    });
    expect(search.json().data.map((h: { conversationId: string }) => h.conversationId)).not.toContain(convoId);
    const notified = await t.app.deps.db
      .select()
      .from(schema.notifications)
      .where(and(eq(schema.notifications.entityId, convoId), eq(schema.notifications.userId, outsider.id)));
    expect(notified).toEqual([]);
  });

  it('an unknown conversation is 404 too, and every route needs a session', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expectError(
      await t.app.inject({ method: 'GET', url: `/conversations/${unknown}`, headers: a.client.headers }),
      404,
      'NOT_FOUND',
    );
    for (const { method, url } of endpoints()) expectError(await t.app.inject({ method, url }), 401, 'UNAUTHORIZED');
    expectError(await t.app.inject({ method: 'GET', url: '/conversations' }), 401, 'UNAUTHORIZED');
    expectError(await t.app.inject({ method: 'GET', url: '/messages/search?q=blood' }), 401, 'UNAUTHORIZED');
  });
});
