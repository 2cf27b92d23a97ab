import { schema } from '@caretracker/database';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutbox, type OutboxOptions } from '../src/offline';
import { type RunningApi, startApi } from './helpers/api';
import { auditCount, createCareTeam, messageBodies, position, type TestUser, visitRow } from './helpers/care';
import { type Link, openLink } from './helpers/link';

// The worker's phone (fetch + IndexedDB) talks to the real API through a link the test can cut.
describe('offline outbox against the real API', () => {
  let api: RunningApi;
  let link: Link;
  let databases = 0;

  beforeAll(async () => {
    api = await startApi();
    link = await openLink(api.port);
  });
  afterAll(async () => {
    await link?.close();
    await api?.close();
  });

  const outboxFor = (user: TestUser, options: Partial<OutboxOptions> = {}) =>
    createOutbox({
      baseUrl: link.httpUrl,
      userId: user.id,
      headers: () => user.headers,
      dbName: `outbox-test-${++databases}`,
      autoFlush: false,
      // A minute at least: a retry is never due again within one test step.
      backoff: { baseMs: 60_000, maxMs: 120_000 },
      ...options,
    });
  const message = (conversationId: string, body: string) => ({
    method: 'POST' as const,
    path: `/conversations/${conversationId}/messages`,
    body: { body },
    kind: 'message.post',
    invalidates: [['conversations', 'detail', conversationId]],
  });

  it('keeps changes made offline and replays them in order, each applied once, when the connection returns', async () => {
    const team = await createCareTeam(api.app);
    const outbox = await outboxFor(team.worker);
    link.setMode('down');
    const checkInAt = new Date(Date.now() - 30_000).toISOString();
    await outbox.enqueue({
      method: 'POST',
      path: `/visits/${team.visit.id}/checkin`,
      body: position(checkInAt),
      capturedAt: checkInAt,
      kind: 'visit.checkin',
    });
    for (const body of ['Arrived, client resting', 'Lunch prepared', 'Left a note for family']) {
      await outbox.enqueue(message(team.conversationId, body));
    }
    const checkOutAt = new Date().toISOString();
    await outbox.enqueue({
      method: 'POST',
      path: `/visits/${team.visit.id}/checkout`,
      body: { ...position(checkOutAt), performedActivities: [] },
      capturedAt: checkOutAt,
      kind: 'visit.checkout',
    });

    await outbox.flush();
    const offline = outbox.snapshot();
    expect(offline.pending.map((item) => item.kind)).toEqual([
      'visit.checkin',
      'message.post',
      'message.post',
      'message.post',
      'visit.checkout',
    ]);
    // Only the head was tried; it failed on the network and waits with backoff.
    expect(offline.pending[0]).toMatchObject({ attempts: 1, lastError: { status: 0, code: 'NETWORK_ERROR' } });
    expect(offline.pending.slice(1).every((item) => item.attempts === 0)).toBe(true);
    expect(offline.pending[0]?.capturedAt).toBe(checkInAt);
    expect(await messageBodies(api.app, team.conversationId)).toEqual([]);

    const applied: string[] = [];
    outbox.on((event) => {
      if (event.type === 'applied') applied.push(event.item.kind);
    });
    link.setMode('up');
    await outbox.flush({ force: true });

    expect(outbox.snapshot()).toMatchObject({ pending: [], conflicts: [] });
    expect(applied).toEqual(['visit.checkin', 'message.post', 'message.post', 'message.post', 'visit.checkout']);
    // In order: the check-out was accepted, so the check-in had been applied before it.
    const visit = await visitRow(api.app, team.visit.id);
    expect(visit.status).toBe('COMPLETED');
    expect(visit.checkInDeviceAt?.toISOString()).toBe(checkInAt);
    expect(await messageBodies(api.app, team.conversationId)).toEqual([
      'Arrived, client resting',
      'Lunch prepared',
      'Left a note for family',
    ]);
    expect(await auditCount(api.app, 'VISIT_CHECKED_IN', team.visit.id)).toBe(1);
    expect(await auditCount(api.app, 'VISIT_CHECKED_OUT', team.visit.id)).toBe(1);
    outbox.close();
  });

  it('applies a change once when its answer was lost and the browser restarted before the replay', async () => {
    const team = await createCareTeam(api.app);
    const first = await outboxFor(team.worker);
    await first.enqueue(message(team.conversationId, 'Medication given at 9:05'));
    await first.enqueue(message(team.conversationId, 'Client asked for a call'));
    const keys = first.snapshot().pending.map((item) => item.idempotencyKey);

    // The API applies the first message, and the answer never reaches the phone.
    link.setMode('drop-answers');
    await first.flush();
    expect(await messageBodies(api.app, team.conversationId)).toEqual(['Medication given at 9:05']);
    expect(first.snapshot().pending).toHaveLength(2);
    first.close();

    // The browser is closed and opened again: the queue is read back from IndexedDB as it was.
    link.setMode('up');
    const reopened = await outboxFor(team.worker, { dbName: `outbox-test-${databases}` });
    expect(reopened.snapshot().pending.map((item) => item.idempotencyKey)).toEqual(keys);
    const replayed: boolean[] = [];
    reopened.on((event) => {
      if (event.type === 'applied') replayed.push(event.replayed);
    });
    await reopened.flush({ force: true });

    expect(reopened.snapshot().pending).toEqual([]);
    // The first was answered from the API's idempotency record, not posted again.
    expect(replayed).toEqual([true, false]);
    expect(await messageBodies(api.app, team.conversationId)).toEqual([
      'Medication given at 9:05',
      'Client asked for a call',
    ]);
    reopened.close();
  });

  it('keeps a refused change as a conflict that holds back the changes after it until the user resolves it', async () => {
    const team = await createCareTeam(api.app);
    const outbox = await outboxFor(team.worker);
    const capturedAt = new Date().toISOString();
    await outbox.enqueue({
      method: 'POST',
      path: `/visits/${team.visit.id}/checkin`,
      body: position(capturedAt),
      kind: 'visit.checkin',
    });
    await outbox.enqueue(message(team.conversationId, 'Could not get in'));
    // While the phone was offline the office cancelled the visit.
    const cancelled = await api.app.inject({
      method: 'POST',
      url: `/visits/${team.visit.id}/cancel`,
      headers: team.supervisor.headers,
      payload: { reason: 'Client in hospital' },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);

    await outbox.flush();
    const { conflicts, pending } = outbox.snapshot();
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ kind: 'visit.checkin', conflict: { status: 409, code: 'CONFLICT' } });
    expect(pending.map((item) => item.kind)).toEqual(['message.post']);
    expect(await messageBodies(api.app, team.conversationId)).toEqual([]);

    // Flushing again does not skip past it, and a restart keeps it.
    await outbox.flush({ force: true });
    expect(await messageBodies(api.app, team.conversationId)).toEqual([]);
    outbox.close();
    const reopened = await outboxFor(team.worker, { dbName: `outbox-test-${databases}` });
    expect(reopened.snapshot().conflicts.map((item) => item.id)).toEqual([conflicts[0]?.id]);

    // The user discards the check-in: the message behind it goes out.
    await reopened.discard(conflicts[0]!.id);
    await reopened.flush();
    expect(reopened.snapshot()).toMatchObject({ pending: [], conflicts: [] });
    expect(await messageBodies(api.app, team.conversationId)).toEqual(['Could not get in']);
    expect(await auditCount(api.app, 'VISIT_CHECKED_IN', team.visit.id)).toBe(0);
    reopened.close();
  });

  it('lets the user retry a refused change once the cause is fixed, or edit one the API found invalid', async () => {
    const team = await createCareTeam(api.app);
    const outbox = await outboxFor(team.worker);
    const removed = await api.app.inject({
      method: 'DELETE',
      url: `/conversations/${team.conversationId}/participants/${team.worker.id}`,
      headers: team.supervisor.headers,
    });
    expect(removed.statusCode, removed.body).toBe(200);
    await outbox.enqueue(message(team.conversationId, 'Family visiting on Sunday'));
    await outbox.enqueue(message(team.conversationId, ''));
    await outbox.flush();
    expect(outbox.snapshot().conflicts[0]).toMatchObject({ conflict: { status: 404, code: 'NOT_FOUND' } });

    // The supervisor adds the worker back; the user retries the same change.
    const added = await api.app.inject({
      method: 'POST',
      url: `/conversations/${team.conversationId}/participants`,
      headers: team.supervisor.headers,
      payload: { userId: team.worker.id },
    });
    expect(added.statusCode, added.body).toBe(200);
    await outbox.retry(outbox.snapshot().conflicts[0]!.id);
    await outbox.flush();

    // The empty message is refused with the field named; an edit sends it under a new key.
    const invalid = outbox.snapshot().conflicts[0]!;
    expect(invalid.conflict).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
    expect(JSON.stringify(invalid.conflict?.details)).toContain('body');
    await outbox.edit(invalid.id, { body: { body: 'Family visiting Sunday at 2' } });
    const edited = outbox.snapshot().pending[0]!;
    expect(edited.idempotencyKey).not.toBe(invalid.idempotencyKey);
    expect(edited.capturedAt).toBe(invalid.capturedAt);
    await outbox.flush();

    expect(outbox.snapshot()).toMatchObject({ pending: [], conflicts: [] });
    expect(await messageBodies(api.app, team.conversationId)).toEqual([
      'Family visiting on Sunday',
      'Family visiting Sunday at 2',
    ]);
    outbox.close();
  });

  it('keeps a change queued with backoff on 5xx and network failures, and sends nothing before it is due', async () => {
    const team = await createCareTeam(api.app);
    const outbox = await outboxFor(team.worker);
    await outbox.enqueue(message(team.conversationId, 'Checked the smoke alarm'));

    link.setMode('bad-gateway');
    const before = Date.now();
    await outbox.flush();
    const waiting = outbox.snapshot().pending[0]!;
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, lastError: { status: 502 } });
    expect(waiting.nextAttemptAt).toBeGreaterThanOrEqual(before + 30_000);

    link.setMode('down');
    await outbox.flush({ force: true });
    expect(outbox.snapshot().pending[0]).toMatchObject({ attempts: 2, lastError: { status: 0 } });

    // Not due yet: a plain flush does not touch the network at all.
    link.setMode('up');
    const connections = link.connections;
    await outbox.flush();
    expect(link.connections).toBe(connections);
    expect(await messageBodies(api.app, team.conversationId)).toEqual([]);

    // The connection came back: the head goes now, whatever its backoff.
    await outbox.flush({ force: true });
    expect(outbox.snapshot().pending).toEqual([]);
    expect(await messageBodies(api.app, team.conversationId)).toEqual(['Checked the smoke alarm']);
    outbox.close();
  });

  it('waits (no conflict) while the API still runs an earlier attempt with the same key', async () => {
    const team = await createCareTeam(api.app);
    const outbox = await outboxFor(team.worker);
    const item = await outbox.enqueue(message(team.conversationId, 'Second try'));
    // The first attempt reached the API and is still being processed there: its record has no answer yet.
    const first = await api.app.inject({
      method: 'POST',
      url: item.path,
      headers: { ...team.worker.headers, 'idempotency-key': item.idempotencyKey },
      payload: item.body as object,
    });
    expect(first.statusCode, first.body).toBe(201);
    await api.app.deps.db
      .update(schema.idempotencyKeys)
      .set({ statusCode: null, responseBody: null, completedAt: null })
      .where(eq(schema.idempotencyKeys.key, item.idempotencyKey));
    await outbox.flush();
    expect(outbox.snapshot()).toMatchObject({ conflicts: [] });
    expect(outbox.snapshot().pending[0]).toMatchObject({ attempts: 1, lastError: { status: 409 } });
    outbox.close();
  });

  it('stops, without a conflict, when the session has ended, and only replays the signed-in user’s changes', async () => {
    const team = await createCareTeam(api.app);
    const outbox = await outboxFor(team.worker, { refresh: () => Promise.reject(new Error('no session')) });
    await outbox.enqueue(message(team.conversationId, 'After sign-out'));
    const other = await outboxFor(team.supervisor, { dbName: `outbox-test-${databases}` });
    expect(other.snapshot().pending).toEqual([]);
    other.close();

    const logout = await api.app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: team.worker.headers,
      payload: {},
    });
    expect(logout.statusCode, logout.body).toBe(200);
    await outbox.flush();
    expect(outbox.snapshot()).toMatchObject({ signedOut: true, conflicts: [] });
    expect(outbox.snapshot().pending[0]).toMatchObject({ attempts: 0 });
    expect(await messageBodies(api.app, team.conversationId)).toEqual([]);
    outbox.close();
  });
});
