import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textDigest } from '../src/modules/audit/values';
import { startApp, type TestApp } from './helpers/app';
import type { TestUser } from './helpers/factories';
import { expectError } from './helpers/http';
import { createMessagingCast, messagingClient, type Team } from './helpers/messaging';

describe('messaging: threads, read receipts, unread counts, search, participants', () => {
  let t: TestApp;
  let a: Team & { backup: TestUser; family: TestUser };
  let b: Team;
  let admin: TestUser;
  beforeAll(async () => {
    t = await startApp();
    ({ a, b, admin } = await createMessagingCast(t.app));
  });
  afterAll(() => t.close());

  const { call, ok, open, post } = messagingClient(() => t.app);
  const unreadIn = async (user: TestUser, id: string) =>
    (await ok(user, 'GET', '/conversations?limit=100')).data.find((c: { id: string }) => c.id === id)?.unreadCount;
  const thread = async (user: TestUser, id: string, query = '') =>
    ok(user, 'GET', `/conversations/${id}/messages${query}`);

  it('a supervisor opens a thread with the care team: client, primary and backup workers, supervisor', async () => {
    const convo = await open(a.supervisor, {
      clientId: a.client.id,
      subject: 'Weekend cover',
      message: 'Who can take Saturday?',
    });
    expect(convo).toMatchObject({ clientId: a.client.id, subject: 'Weekend cover', unreadCount: 0 });
    expect(convo.participants.map((p: { userId: string }) => p.userId).sort()).toEqual(
      [a.client.id, a.worker.id, a.backup.id, a.supervisor.id].sort(),
    );
    expect(await unreadIn(a.worker, convo.id)).toBe(1);
    // Everyone else is told, not the sender; the message and the thread are audited.
    const told = await t.app.deps.db
      .select()
      .from(schema.notifications)
      .where(and(eq(schema.notifications.entityId, convo.id), eq(schema.notifications.category, 'MESSAGE')));
    expect(told.map((n) => n.userId).sort()).toEqual([a.client.id, a.worker.id, a.backup.id].sort());
    expect(told[0]).toMatchObject({ urgent: false, title: 'New message' });
    const audits = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.actorId, a.supervisor.id));
    expect(audits.map((row) => row.action)).toEqual(
      expect.arrayContaining(['CONVERSATION_CREATED', 'MESSAGE_CREATED']),
    );
    const created = audits.find((row) => row.action === 'MESSAGE_CREATED');
    // The trail keeps the message's length and hash, not its words (a reader may not see the thread).
    expect(created?.newValues).toMatchObject({ conversationId: convo.id, body: textDigest('Who can take Saturday?') });
  });

  it('a client opens one about themself, a worker about an assigned client; not about anyone else', async () => {
    const mine = await open(a.client, { subject: 'Question about my visits' });
    expect(mine.clientId).toBe(a.client.id);
    expect((await open(a.worker, { clientId: a.client.id, subject: 'Supplies' })).clientId).toBe(a.client.id);
    expectError(
      await call(a.worker, 'POST', '/conversations', { clientId: b.client.id, subject: 'x' }),
      422,
      'UNPROCESSABLE',
    );
    expectError(
      await call(a.client, 'POST', '/conversations', { clientId: b.client.id, subject: 'x' }),
      422,
      'UNPROCESSABLE',
    );
    expectError(await call(a.supervisor, 'POST', '/conversations', { subject: 'x' }), 422, 'UNPROCESSABLE');
    expectError(await call(a.supervisor, 'POST', '/conversations', { clientId: a.client.id }), 400, 'VALIDATION_ERROR');
    const [denied] = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(
        and(
          eq(schema.auditLog.action, 'PERMISSION_DENIED'),
          eq(schema.auditLog.actorId, a.worker.id),
          eq(schema.auditLog.entityId, b.client.id),
        ),
      );
    expect(denied).toBeDefined();
  });

  it('pages a thread newest-last: page 1 holds the latest messages in reading order', async () => {
    const convo = await open(a.supervisor, { clientId: a.client.id, subject: 'Paging' });
    for (const n of [1, 2, 3, 4, 5]) await post(n % 2 ? a.worker : a.client, convo.id, `message ${n}`);
    const page1 = await thread(a.client, convo.id, '?limit=2');
    expect(page1.data.map((m: { body: string }) => m.body)).toEqual(['message 4', 'message 5']);
    expect(page1.pagination).toEqual({ page: 1, limit: 2, total: 5, totalPages: 3 });
    expect((await thread(a.client, convo.id, '?limit=2&page=3')).data.map((m: { body: string }) => m.body)).toEqual([
      'message 1',
    ]);
    expect(page1.data[1]).toMatchObject({
      senderId: a.worker.id,
      sender: { firstName: a.worker.firstName, role: 'WORKER' },
    });
    const reads = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(
        and(
          eq(schema.auditLog.action, 'PHI_READ'),
          eq(schema.auditLog.entityId, convo.id),
          eq(schema.auditLog.actorId, a.client.id),
        ),
      );
    expect(reads.length).toBe(2);
  });

  it('read receipts: who has read each message; unread counts follow; a receipt never moves back', async () => {
    const convo = await open(a.supervisor, { clientId: a.client.id, subject: 'Receipts' });
    const first = await post(a.worker, convo.id, 'first');
    const second = await post(a.worker, convo.id, 'second');
    expect(await unreadIn(a.client, convo.id)).toBe(2);
    expect(await unreadIn(a.worker, convo.id)).toBe(0);
    expect(second.readBy).toEqual([]);

    const partly = await ok(a.client, 'POST', `/conversations/${convo.id}/read`, { upToMessageId: first.id });
    expect(partly.data.unreadCount).toBe(1);
    let messages = (await thread(a.supervisor, convo.id)).data;
    expect(messages.find((m: { id: string }) => m.id === first.id).readBy).toEqual([a.client.id]);
    expect(messages.find((m: { id: string }) => m.id === second.id).readBy).toEqual([]);

    const all = await ok(a.client, 'POST', `/conversations/${convo.id}/read`);
    expect(all.data.unreadCount).toBe(0);
    expect(await unreadIn(a.client, convo.id)).toBe(0);
    await ok(a.supervisor, 'POST', `/conversations/${convo.id}/read`, {});
    messages = (await thread(a.supervisor, convo.id)).data;
    expect(messages.find((m: { id: string }) => m.id === second.id).readBy).toEqual(
      [a.client.id, a.supervisor.id].sort(),
    );
    const back = await ok(a.client, 'POST', `/conversations/${convo.id}/read`, { upToMessageId: first.id });
    expect(back.data).toEqual(all.data);
    // Replying marks the thread read for the one who replies.
    await post(a.client, convo.id, 'thanks');
    expect(await unreadIn(a.worker, convo.id)).toBe(1);
    const detail = (await ok(a.worker, 'GET', `/conversations/${convo.id}`)).data;
    expect(detail.participants.find((p: { userId: string }) => p.userId === a.client.id).lastReadAt).not.toBeNull();
    const other = await open(b.supervisor, { clientId: b.client.id, subject: 'elsewhere' });
    await post(b.supervisor, other.id, 'hi');
    expectError(
      await call(a.client, 'POST', `/conversations/${convo.id}/read`, {
        upToMessageId: (await thread(b.client, other.id)).data[0].id,
      }),
      422,
      'UNPROCESSABLE',
    );
  });

  it('lists my conversations, most recently active first', async () => {
    const older = await open(a.supervisor, { clientId: a.client.id, subject: 'older' });
    const newer = await open(a.supervisor, { clientId: a.client.id, subject: 'newer' });
    await post(a.worker, older.id, 'bump');
    const ids = (await ok(a.backup, 'GET', `/conversations?clientId=${a.client.id}&limit=100`)).data.map(
      (c: { id: string }) => c.id,
    );
    expect(ids.indexOf(older.id)).toBeLessThan(ids.indexOf(newer.id));
  });

  it('a supervisor adds a family contact and removes a worker; removed people lose the thread', async () => {
    const convo = await open(a.supervisor, { clientId: a.client.id, subject: 'Family' });
    expectError(await call(a.family, 'GET', `/conversations/${convo.id}`), 404, 'NOT_FOUND');
    const added = await ok(a.supervisor, 'POST', `/conversations/${convo.id}/participants`, { userId: a.family.id });
    expect(added.data.participants.map((p: { userId: string }) => p.userId)).toContain(a.family.id);
    await post(a.family, convo.id, 'Thank you all');
    expectError(
      await call(a.supervisor, 'POST', `/conversations/${convo.id}/participants`, { userId: a.family.id }),
      409,
      'CONFLICT',
    );
    // Not the client's team: refused.
    expectError(
      await call(a.supervisor, 'POST', `/conversations/${convo.id}/participants`, { userId: b.worker.id }),
      422,
      'UNPROCESSABLE',
    );
    expectError(
      await call(a.supervisor, 'POST', `/conversations/${convo.id}/participants`, { userId: b.client.id }),
      422,
      'UNPROCESSABLE',
    );
    // A participant who is not a supervisor or admin may not change the list.
    expectError(
      await call(a.worker, 'POST', `/conversations/${convo.id}/participants`, { userId: admin.id }),
      403,
      'FORBIDDEN',
    );

    const removed = await ok(admin, 'DELETE', `/conversations/${convo.id}/participants/${a.backup.id}`);
    expect(removed.data.participants.map((p: { userId: string }) => p.userId)).not.toContain(a.backup.id);
    expectError(await call(a.backup, 'GET', `/conversations/${convo.id}/messages`), 404, 'NOT_FOUND');
    expectError(
      await call(a.backup, 'POST', `/conversations/${convo.id}/messages`, { body: 'still here?' }),
      404,
      'NOT_FOUND',
    );
    expect((await ok(a.backup, 'GET', '/conversations?limit=100')).data.map((c: { id: string }) => c.id)).not.toContain(
      convo.id,
    );
    expectError(
      await call(admin, 'DELETE', `/conversations/${convo.id}/participants/${a.backup.id}`),
      404,
      'NOT_FOUND',
    );
    // Added back: they see the thread again.
    await ok(a.supervisor, 'POST', `/conversations/${convo.id}/participants`, { userId: a.backup.id });
    expect((await thread(a.backup, convo.id)).data.map((m: { body: string }) => m.body)).toEqual(['Thank you all']);
    const actions = (
      await t.app.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, convo.id))
    ).map((r) => r.action);
    expect(actions.filter((x) => x === 'CONVERSATION_PARTICIPANT_ADDED')).toHaveLength(2);
    expect(actions).toContain('CONVERSATION_PARTICIPANT_REMOVED');
  });

  it('an admin reads any thread but joins before writing', async () => {
    const convo = await open(a.supervisor, { clientId: a.client.id, subject: 'Admin' });
    await post(a.worker, convo.id, 'hello');
    expect((await thread(admin, convo.id)).data).toHaveLength(1);
    expectError(await call(admin, 'POST', `/conversations/${convo.id}/messages`, { body: 'hi' }), 403, 'FORBIDDEN');
    await ok(admin, 'POST', `/conversations/${convo.id}/participants`, { userId: admin.id });
    expect((await post(admin, convo.id, 'hi')).body).toBe('hi');
  });
});
