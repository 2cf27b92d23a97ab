import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';

describe('notifications inbox and preferences', () => {
  let t: TestApp;
  let me: TestUser;
  let other: TestUser;
  beforeAll(async () => {
    t = await startApp();
    me = await createUser(t.app, { role: 'WORKER' });
    other = await createUser(t.app, { role: 'WORKER' });
  });
  afterAll(() => t.close());

  const call = (user: TestUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });
  // Each notification is told apart by the name it carries (a new message from `label`).
  const notify = (userIds: string[], label: string, extra: { category?: string; urgent?: boolean } = {}) =>
    t.app.deps.notifier.notify({
      userIds,
      category: extra.category ?? 'VISIT_STATUS',
      message: { key: 'messageNew', params: { sender: label } },
      urgent: extra.urgent,
    });
  type Labelled = { messageParams: Record<string, string | number> | null };
  const labelOf = (n: Labelled) => n.messageParams?.sender;
  const rowsOf = (userId: string) =>
    t.app.deps.db.select().from(schema.notifications).where(eq(schema.notifications.userId, userId));
  const unread = async (user: TestUser) => (await call(user, 'GET', '/notifications/unread-count')).json().data.unread;

  it('lists my notifications newest first, pages them, and counts the unread ones', async () => {
    const user = await createUser(t.app, { role: 'CLIENT' });
    for (const title of ['first', 'second', 'third']) await notify([user.id], title);
    await notify([other.id], 'not yours');
    const page1 = (await call(user, 'GET', '/notifications?limit=2')).json();
    expect(page1.data.map(labelOf)).toEqual(['third', 'second']);
    expect(page1.pagination).toEqual({ page: 1, limit: 2, total: 3, totalPages: 2 });
    const page2 = (await call(user, 'GET', '/notifications?limit=2&page=2')).json();
    expect(page2.data.map(labelOf)).toEqual(['first']);
    expect(page2.data[0]).toMatchObject({
      category: 'VISIT_STATUS',
      title: 'New message',
      messageKey: 'messageNew',
      urgent: false,
      readAt: null,
    });
    expect(await unread(user)).toBe(3);
  });

  it('marks one read, then all; unreadOnly follows; another user’s inbox is untouched', async () => {
    await notify([me.id], 'a');
    await notify([me.id], 'b');
    await notify([other.id], 'theirs');
    const before = await unread(me);
    const [target] = (await call(me, 'GET', '/notifications?unreadOnly=true')).json().data;
    const marked = await call(me, 'POST', `/notifications/${target.id}/read`);
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json().data.readAt).not.toBeNull();
    expect(await unread(me)).toBe(before - 1);
    const unreadIds = (await call(me, 'GET', '/notifications?unreadOnly=true&limit=100'))
      .json()
      .data.map((n: { id: string }) => n.id);
    expect(unreadIds).not.toContain(target.id);
    // Marking it again keeps the first read time.
    const again = await call(me, 'POST', `/notifications/${target.id}/read`);
    expect(again.json().data.readAt).toBe(marked.json().data.readAt);

    const otherUnread = await unread(other);
    const all = await call(me, 'POST', '/notifications/read-all');
    expect(all.json().data.marked).toBe(before - 1);
    expect(await unread(me)).toBe(0);
    expect(await unread(other)).toBe(otherUnread);
  });

  it('another user’s notification answers 404, stays unread, and the denial is logged', async () => {
    await notify([other.id], 'private to other');
    const [theirs] = (await rowsOf(other.id)).filter((n) => labelOf(n) === 'private to other');
    const response = await call(me, 'POST', `/notifications/${theirs!.id}/read`);
    expectError(response, 404, 'NOT_FOUND');
    const [after] = await t.app.deps.db
      .select()
      .from(schema.notifications)
      .where(eq(schema.notifications.id, theirs!.id));
    expect(after).toEqual(theirs);
    const denials = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, 'PERMISSION_DENIED'), eq(schema.auditLog.entityId, theirs!.id)));
    expect(denials).toHaveLength(1);
    expect(denials[0]?.actorId).toBe(me.id);
  });

  it('every inbox route needs a session', async () => {
    for (const [method, url] of [
      ['GET', '/notifications'],
      ['GET', '/notifications/unread-count'],
      ['POST', '/notifications/read-all'],
      ['GET', '/notifications/preferences'],
    ] as const) {
      expectError(await t.app.inject({ method, url }), 401, 'UNAUTHORIZED');
    }
  });

  describe('preferences', () => {
    it('defaults: in-app ON, email DIGEST, emergencies locked ON', async () => {
      const user = await createUser(t.app, { role: 'SUPERVISOR' });
      const prefs = (await call(user, 'GET', '/notifications/preferences')).json().data;
      expect(prefs).toContainEqual({
        category: 'MESSAGE',
        channel: 'IN_APP',
        setting: 'ON',
        editable: true,
        isDefault: true,
      });
      expect(prefs).toContainEqual({
        category: 'MESSAGE',
        channel: 'EMAIL',
        setting: 'DIGEST',
        editable: true,
        isDefault: true,
      });
      expect(prefs).toContainEqual({
        category: 'EMERGENCY',
        channel: 'EMAIL',
        setting: 'ON',
        editable: false,
        isDefault: true,
      });
    });

    it('saves per category and channel, audited; bad settings are refused with nothing saved', async () => {
      const user = await createUser(t.app, { role: 'CLIENT' });
      const saved = await call(user, 'PUT', '/notifications/preferences', {
        preferences: [
          { category: 'MESSAGE', channel: 'EMAIL', setting: 'ON' },
          { category: 'VISIT_STATUS', channel: 'IN_APP', setting: 'OFF' },
        ],
      });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json().data).toContainEqual({
        category: 'MESSAGE',
        channel: 'EMAIL',
        setting: 'ON',
        editable: true,
        isDefault: false,
      });
      expect(saved.json().data).toContainEqual({
        category: 'VISIT_STATUS',
        channel: 'IN_APP',
        setting: 'OFF',
        editable: true,
        isDefault: false,
      });
      const [audit] = await t.app.deps.db
        .select()
        .from(schema.auditLog)
        .where(
          and(eq(schema.auditLog.action, 'NOTIFICATION_PREFERENCES_UPDATED'), eq(schema.auditLog.actorId, user.id)),
        );
      expect(audit?.oldValues).toEqual({ 'MESSAGE.EMAIL': 'DIGEST', 'VISIT_STATUS.IN_APP': 'ON' });
      expect(audit?.newValues).toEqual({ 'MESSAGE.EMAIL': 'ON', 'VISIT_STATUS.IN_APP': 'OFF' });

      const digestInApp = await call(user, 'PUT', '/notifications/preferences', {
        preferences: [{ category: 'MESSAGE', channel: 'IN_APP', setting: 'DIGEST' }],
      });
      expect(expectError(digestInApp, 400, 'VALIDATION_ERROR').details?.[0]?.field).toContain('setting');
      expectError(
        await call(user, 'PUT', '/notifications/preferences', {
          preferences: [{ category: 'lower', channel: 'EMAIL', setting: 'ON' }],
        }),
        400,
        'VALIDATION_ERROR',
      );
      expectError(
        await call(user, 'PUT', '/notifications/preferences', {
          preferences: [
            { category: 'MESSAGE', channel: 'EMAIL', setting: 'OFF' },
            { category: 'EMERGENCY', channel: 'EMAIL', setting: 'OFF' },
          ],
        }),
        422,
        'UNPROCESSABLE',
      );
      expectError(
        await call(user, 'PUT', '/notifications/preferences', {
          preferences: [{ category: 'SECURITY_ALERT', channel: 'EMAIL', setting: 'OFF' }],
        }),
        422,
        'UNPROCESSABLE',
      );
      const stored = await t.app.deps.db
        .select()
        .from(schema.notificationPreferences)
        .where(eq(schema.notificationPreferences.userId, user.id));
      expect(stored.map((p) => `${p.category}.${p.channel}=${p.enabled}`).sort()).toEqual([
        'MESSAGE.EMAIL=ON',
        'VISIT_STATUS.IN_APP=OFF',
      ]);
    });

    it('in-app OFF hides that category from the inbox and the count; both channels OFF stores nothing', async () => {
      const user = await createUser(t.app, { role: 'CLIENT' });
      await call(user, 'PUT', '/notifications/preferences', {
        preferences: [
          { category: 'VISIT_STATUS', channel: 'IN_APP', setting: 'OFF' },
          { category: 'MISSED_VISIT', channel: 'IN_APP', setting: 'OFF' },
          { category: 'MISSED_VISIT', channel: 'EMAIL', setting: 'OFF' },
        ],
      });
      await notify([user.id], 'hidden status', { category: 'VISIT_STATUS' });
      await notify([user.id], 'dropped', { category: 'MISSED_VISIT' });
      await notify([user.id], 'shown', { category: 'CARE_PLAN_REVIEW' });
      await notify([user.id], 'emergency', { category: 'EMERGENCY', urgent: true });
      const titles = (await call(user, 'GET', '/notifications')).json().data.map(labelOf);
      expect(titles.sort()).toEqual(['emergency', 'shown']);
      expect(await unread(user)).toBe(2);
      // The hidden one is kept for email; the one with both channels off was never stored.
      expect((await rowsOf(user.id)).map(labelOf).sort()).toEqual(['emergency', 'hidden status', 'shown']);
    });
  });

  it('publishes each stored notification to live listeners, minus those hidden in-app', async () => {
    const user = await createUser(t.app, { role: 'CLIENT' });
    await call(user, 'PUT', '/notifications/preferences', {
      preferences: [{ category: 'VISIT_STATUS', channel: 'IN_APP', setting: 'OFF' }],
    });
    const seen: string[] = [];
    const stop = t.app.deps.notifier.subscribe((event) => {
      if (event.type === 'notification.created' && event.userIds.includes(user.id))
        seen.push(String(labelOf(event.notification)));
    });
    await notify([user.id], 'live one', { category: 'MESSAGE' });
    await notify([user.id], 'not live', { category: 'VISIT_STATUS' });
    stop();
    expect(seen).toEqual(['live one']);
  });
});
