import { randomUUID } from 'node:crypto';
import { schema } from '@caretracker/database';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import type { TestUser } from './helpers/factories';
import { expectError } from './helpers/http';
import { createMessagingCast, messagingClient, type Team } from './helpers/messaging';

describe('messaging: search, attachments, live events', () => {
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
  const thread = async (user: TestUser, id: string, query = '') =>
    ok(user, 'GET', `/conversations/${id}/messages${query}`);

  it('searches full text only within my conversations', async () => {
    const word = `zebra${randomUUID().slice(0, 6)}`;
    const convo = await open(a.supervisor, { clientId: a.client.id, subject: 'Search' });
    await post(a.worker, convo.id, `The ${word} medication arrived today`);
    await post(a.worker, convo.id, `The ${word} delivery is late`);
    const theirs = await open(b.supervisor, { clientId: b.client.id, subject: 'Theirs' });
    await post(b.supervisor, theirs.id, `Another ${word} medication`);
    const hits = (await ok(a.client, 'GET', `/messages/search?q=${word}`)).data;
    expect(hits).toHaveLength(2);
    expect(
      hits.every(
        (h: { conversationId: string; subject: string }) => h.conversationId === convo.id && h.subject === 'Search',
      ),
    ).toBe(true);
    const narrowed = (await ok(a.client, 'GET', `/messages/search?q=${encodeURIComponent(`${word} -late`)}`)).data;
    expect(narrowed.map((h: { body: string }) => h.body)).toEqual([`The ${word} medication arrived today`]);
    // Stemming: "medications" finds "medication".
    expect((await ok(a.client, 'GET', `/messages/search?q=${word}+medications`)).data).toHaveLength(1);
    expect((await ok(b.worker, 'GET', `/messages/search?q=${word}`)).data).toHaveLength(1);
    expect((await ok(admin, 'GET', `/messages/search?q=${word}`)).data).toHaveLength(0);
    expectError(await call(a.client, 'GET', '/messages/search?q=a'), 400, 'VALIDATION_ERROR');
  });

  it('attachments must be this conversation’s message files or the sender’s own uploads', async () => {
    const convo = await open(a.supervisor, { clientId: a.client.id, subject: 'Files' });
    const file = async (uploadedBy: string, entityType: 'MESSAGE' | 'CLIENT', entityId: string) => {
      const [row] = await t.app.deps.db
        .insert(schema.files)
        .values({
          uploadedBy,
          entityType,
          entityId,
          category: 'PHOTO',
          originalName: 'photo.png',
          mimeType: 'image/png',
          sizeBytes: 10,
          sha256: 'a'.repeat(64),
          storageDriver: 'local',
          storageKey: `test/${randomUUID()}`,
        })
        .returning();
      return row!.id;
    };
    const forThread = await file(a.supervisor.id, 'MESSAGE', convo.id);
    const ownUpload = await file(a.worker.id, 'CLIENT', a.client.id);
    const someoneElses = await file(b.worker.id, 'CLIENT', b.client.id);
    const message = await post(a.worker, convo.id, 'See attached', [forThread, ownUpload]);
    expect(message.attachmentFileIds.sort()).toEqual([forThread, ownUpload].sort());
    const refused = await call(a.worker, 'POST', `/conversations/${convo.id}/messages`, {
      body: 'Sneaky',
      attachmentFileIds: [someoneElses, randomUUID()],
    });
    expect(expectError(refused, 422, 'UNPROCESSABLE').details).toHaveLength(2);
    expect((await thread(a.worker, convo.id)).data.map((m: { body: string }) => m.body)).toEqual(['See attached']);
  });

  it('publishes each new message to live listeners after it commits', async () => {
    const convo = await open(a.supervisor, { clientId: a.client.id, subject: 'Live' });
    const seen: Array<{ messageId: string; userIds: string[] }> = [];
    const stop = t.app.deps.notifier.subscribe((event) => {
      if (event.type === 'message.created' && event.conversationId === convo.id) seen.push(event);
    });
    const message = await post(a.client, convo.id, 'live');
    stop();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.messageId).toBe(message.id);
    expect(seen[0]?.userIds.sort()).toEqual([a.client.id, a.worker.id, a.backup.id, a.supervisor.id].sort());
  });

  it('the search runs on the GIN index over to_tsvector(english, body)', async () => {
    const plan = await t.app.deps.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return tx.execute(
        sql`explain select id from messages where to_tsvector('english', body) @@ websearch_to_tsquery('english', 'insulin') and deleted_at is null`,
      );
    });
    const text = (plan as unknown as { rows: Array<Record<string, string>> }).rows
      .map((row) => Object.values(row)[0])
      .join('\n');
    expect(text).toContain('messages_body_fts_idx');
  });
});
