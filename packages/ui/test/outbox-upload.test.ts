// @vitest-environment node
// (Node's Blob, FormData and fetch together: jsdom's FormData does not take the Blob IndexedDB gives back.)
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutbox, type EnqueueInput, type OutboxOptions } from '../src/offline';
import { type RunningApi, startApi } from './helpers/api';
import { auditCount, createCareTeam, filesOf, position, type TestUser } from './helpers/care';
import { type Link, openLink } from './helpers/link';

const PHOTO = new URL('../../../apps/mobile-web/public/icons/icon-192.png', import.meta.url);

// A photo taken without signal: its bytes wait in IndexedDB with the queued action, and reach the
// files API once (multipart, with the item's Idempotency-Key), after the check-in queued before it.
describe('offline outbox: photos', () => {
  let api: RunningApi;
  let link: Link;
  let databases = 0;
  let bytes: Uint8Array<ArrayBuffer>;

  beforeAll(async () => {
    api = await startApi();
    link = await openLink(api.port);
    bytes = new Uint8Array(await readFile(PHOTO));
  });
  afterAll(async () => {
    await link?.close();
    await api?.close();
  });

  const outboxFor = (
    user: TestUser,
    dbName = `outbox-upload-test-${++databases}`,
    options: Partial<OutboxOptions> = {},
  ) =>
    createOutbox({
      baseUrl: link.httpUrl,
      userId: user.id,
      headers: () => user.headers,
      dbName,
      autoFlush: false,
      backoff: { baseMs: 60_000, maxMs: 120_000 },
      ...options,
    });
  const photo = (visitId: string): EnqueueInput => ({
    method: 'POST',
    path: '/files/upload',
    form: {
      fields: { entityType: 'VISIT', entityId: visitId, category: 'visit-photo' },
      file: { field: 'file', name: 'visit-photo.png', blob: new Blob([bytes], { type: 'image/png' }) },
    },
    kind: 'photo',
    meta: { visitId },
  });

  it('uploads a photo queued offline once, after the check-in before it, linked to the visit', async () => {
    const team = await createCareTeam(api.app);
    const outbox = await outboxFor(team.worker);
    link.setMode('down');
    const at = new Date(Date.now() - 20_000).toISOString();
    await outbox.enqueue({
      method: 'POST',
      path: `/visits/${team.visit.id}/checkin`,
      body: position(at),
      capturedAt: at,
      kind: 'checkin',
    });
    await outbox.enqueue(photo(team.visit.id));
    await outbox.flush();
    expect(outbox.snapshot().pending.map((item) => item.kind)).toEqual(['checkin', 'photo']);
    expect(await filesOf(api.app, team.visit.id)).toEqual([]);

    const applied: string[] = [];
    outbox.on((event) => {
      if (event.type === 'applied') applied.push(event.item.kind);
    });
    link.setMode('up');
    await outbox.flush({ force: true });

    expect(outbox.snapshot()).toMatchObject({ pending: [], conflicts: [] });
    expect(applied).toEqual(['checkin', 'photo']);
    const files = await filesOf(api.app, team.visit.id);
    expect(files).toEqual([
      expect.objectContaining({
        entityType: 'VISIT',
        category: 'visit-photo',
        mimeType: 'image/png',
        sizeBytes: bytes.byteLength,
        uploadedBy: team.worker.id,
      }),
    ]);
    expect(await auditCount(api.app, 'FILE_UPLOADED', files[0]!.id)).toBe(1);
    outbox.close();
  });

  it('keeps the photo through a browser restart and does not upload it twice when the first answer was lost', async () => {
    const team = await createCareTeam(api.app);
    const dbName = `outbox-upload-test-${++databases}`;
    const first = await outboxFor(team.worker, dbName);
    await first.enqueue(photo(team.visit.id));
    const key = first.snapshot().pending[0]?.idempotencyKey;

    // The API stores the photo, and its answer never reaches the phone.
    link.setMode('drop-answers');
    await first.flush();
    expect(await filesOf(api.app, team.visit.id)).toHaveLength(1);
    first.close();

    link.setMode('up');
    const reopened = await outboxFor(team.worker, dbName);
    const kept = reopened.snapshot().pending;
    expect(kept.map((item) => item.idempotencyKey)).toEqual([key]);
    // The bytes themselves came back from IndexedDB.
    const blob = kept[0]?.form?.file.blob;
    expect(blob && new Uint8Array(await blob.arrayBuffer())).toEqual(bytes);
    const replayed: boolean[] = [];
    reopened.on((event) => {
      if (event.type === 'applied') replayed.push(event.replayed);
    });
    await reopened.flush({ force: true });

    expect(reopened.snapshot().pending).toEqual([]);
    expect(replayed).toEqual([true]);
    expect(await filesOf(api.app, team.visit.id)).toHaveLength(1);
    reopened.close();
  });
});
