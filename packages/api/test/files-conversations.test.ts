import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import type { TestUser } from './helpers/factories';
import { samples, upload } from './helpers/files';
import { expectError } from './helpers/http';
import { createMessagingCast, messagingClient } from './helpers/messaging';

/** Files attached to a conversation follow the conversation: who may read the thread may read its files. */
describe('conversation files follow the conversation’s participants', () => {
  let t: TestApp;
  let root: string;
  let cast: Awaited<ReturnType<typeof createMessagingCast>>;
  const { ok, open } = messagingClient(() => t.app);
  const get = (user: TestUser, url: string) => t.app.inject({ method: 'GET', url, headers: user.headers });
  const listed = async (user: TestUser, conversationId: string) =>
    (
      (await get(user, `/files?entityType=MESSAGE&entityId=${conversationId}`)).json().data as Array<{ id: string }>
    ).map((file) => file.id);
  const attach = (user: TestUser, conversationId: string) =>
    upload(t.app, user, {
      entityType: 'MESSAGE',
      entityId: conversationId,
      name: 'letter.pdf',
      content: samples.pdf(),
    });
  const denied = async (actorId: string, fileId: string) =>
    t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(
        and(
          eq(schema.auditLog.actorId, actorId),
          eq(schema.auditLog.entityId, fileId),
          eq(schema.auditLog.action, 'PERMISSION_DENIED'),
        ),
      );

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'caretracker-conversation-files-'));
    t = await startApp({ config: { FILE_STORAGE_PATH: root } });
    cast = await createMessagingCast(t.app);
  });
  afterAll(async () => {
    await t.close();
    await rm(root, { recursive: true, force: true });
  });

  it('a client removed from a conversation about them can no longer download, list or upload its files', async () => {
    const { a } = cast;
    const convo = await open(a.worker, { clientId: a.client.id, subject: 'Discharge letter' });
    const sent = await attach(a.worker, convo.id);
    expect(sent.statusCode, sent.body).toBe(201);
    const fileId = sent.json().data.id as string;
    expect((await get(a.client, `/files/${fileId}`)).statusCode).toBe(200);
    expect(await listed(a.client, convo.id)).toEqual([fileId]);

    await ok(a.supervisor, 'DELETE', `/conversations/${convo.id}/participants/${a.client.id}`);
    expectError(await get(a.client, `/files/${fileId}`), 404, 'NOT_FOUND');
    expect(await listed(a.client, convo.id)).toEqual([]);
    expectError(await attach(a.client, convo.id), 404, 'NOT_FOUND');
    expect((await denied(a.client.id, fileId)).length).toBe(1);
    // Those still in it keep reading.
    expect((await get(a.worker, `/files/${fileId}`)).statusCode).toBe(200);
    expect((await get(a.supervisor, `/files/${fileId}`)).statusCode).toBe(200);
  });

  it('a supervisor who is not a participant cannot download them, even about a client in their team', async () => {
    const { a, admin } = cast;
    const convo = await open(a.worker, { clientId: a.client.id, subject: 'Wound photos' });
    const fileId = (await attach(a.worker, convo.id)).json().data.id as string;
    await ok(admin, 'DELETE', `/conversations/${convo.id}/participants/${a.supervisor.id}`);
    expectError(await get(a.supervisor, `/files/${fileId}`), 404, 'NOT_FOUND');
    expect(await listed(a.supervisor, convo.id)).toEqual([]);
    expectError(await attach(a.supervisor, convo.id), 404, 'NOT_FOUND');
    const deleted = await t.app.inject({ method: 'DELETE', url: `/files/${fileId}`, headers: a.supervisor.headers });
    expectError(deleted, 404, 'NOT_FOUND');
    // The other team's supervisor never could.
    expectError(await get(cast.b.supervisor, `/files/${fileId}`), 404, 'NOT_FOUND');
  });

  it('whoever uploaded a file loses it with the conversation; admins read until they join, then write', async () => {
    const { a, admin } = cast;
    const convo = await open(a.worker, { clientId: a.client.id, subject: 'Care notes' });
    const fileId = (await attach(a.backup, convo.id)).json().data.id as string;
    await ok(a.supervisor, 'DELETE', `/conversations/${convo.id}/participants/${a.backup.id}`);
    expectError(await get(a.backup, `/files/${fileId}`), 404, 'NOT_FOUND');

    expect((await get(admin, `/files/${fileId}`)).statusCode).toBe(200);
    expectError(await attach(admin, convo.id), 403, 'FORBIDDEN');
    const refused = await t.app.inject({ method: 'DELETE', url: `/files/${fileId}`, headers: admin.headers });
    expectError(refused, 403, 'FORBIDDEN');
    const [row] = await t.app.deps.db.select().from(schema.files).where(eq(schema.files.id, fileId));
    expect(row?.deletedAt).toBeNull();
    await ok(admin, 'POST', `/conversations/${convo.id}/participants`, { userId: admin.id });
    expect((await attach(admin, convo.id)).statusCode).toBe(201);
  });
});
