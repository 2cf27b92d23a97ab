import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createVisitRow } from './helpers/care-factories';
import { createTeam, createUser } from './helpers/factories';
import { filesUnder, MB10, samples, upload } from './helpers/files';
import { expectError } from './helpers/http';

describe('files: upload, type, size, names, integrity', () => {
  let t: TestApp;
  let root: string;
  let team: Awaited<ReturnType<typeof createTeam>>;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'caretracker-files-'));
    t = await startApp({ config: { FILE_STORAGE_PATH: root } });
    team = await createTeam(t.app);
  });
  afterAll(async () => {
    await t?.close();
    await rm(root, { recursive: true, force: true });
  });

  /** Each call by a new worker on their own visit: the upload rate limit is per user. */
  const toVisit = async (extra: Parameters<typeof upload>[2]) => {
    const worker = await createUser(t.app, { role: 'WORKER', supervisorId: team.supervisor.id });
    const visit = await createVisitRow(t.app, { clientId: team.client.id, workerId: worker.id, start: new Date() });
    lastWorker = worker;
    return upload(t.app, worker, { entityType: 'VISIT', entityId: visit.id, ...extra });
  };
  let lastWorker: Awaited<ReturnType<typeof createUser>>;
  const rowOf = async (id: string) => {
    const [row] = await t.app.deps.db.select().from(schema.files).where(eq(schema.files.id, id));
    return row!;
  };

  it('accepts exactly FILE_UPLOAD_MAX_SIZE (10 MB), stores it under a generated key and serves it back intact', async () => {
    const content = samples.pdf(MB10);
    const response = await toVisit({ name: 'care-notes.pdf', content, description: 'Week 1' });
    expect(response.statusCode, response.body).toBe(201);
    const file = response.json().data;
    expect(file).toMatchObject({ originalName: 'care-notes.pdf', mimeType: 'application/pdf', sizeBytes: MB10 });
    expect(file).not.toHaveProperty('storageKey');
    const row = await rowOf(file.id);
    expect(row.storageKey).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}$/);
    expect(row.storageKey).not.toContain('care-notes');
    expect((await readFile(join(root, row.storageKey))).equals(content)).toBe(true);

    const download = await t.app.inject({ method: 'GET', url: `/files/${file.id}`, headers: lastWorker.headers });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="care-notes.pdf"; filename*=UTF-8''care-notes.pdf`,
    );
    expect(download.rawPayload.equals(content)).toBe(true);
    expect((await filesUnder(root)).filter((path) => path.startsWith('.staging'))).toEqual([]);

    const audits = await t.app.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, file.id));
    expect(audits.map((a) => [a.action, a.dataClassification])).toEqual(
      expect.arrayContaining([
        ['FILE_UPLOADED', 'PHI'],
        ['FILE_DOWNLOADED', 'PHI'],
      ]),
    );
  });

  it('refuses 10 MB + 1 byte with 413 and leaves nothing on disk or in the table', async () => {
    const before = await filesUnder(root);
    const description = `too-big-${Date.now()}`;
    const response = await toVisit({ name: 'big.pdf', content: samples.pdf(MB10 + 1), description });
    expectError(response, 413, 'PAYLOAD_TOO_LARGE');
    expect(await filesUnder(root)).toEqual(before);
    const rows = await t.app.deps.db.select().from(schema.files).where(eq(schema.files.description, description));
    expect(rows).toEqual([]);
  });

  it.each([
    ['an ELF executable named .pdf', samples.elf(), 'invoice.pdf'],
    ['a Windows executable named .pdf', samples.exe(), 'invoice.pdf'],
    ['a PNG named .pdf', samples.png(), 'scan.pdf'],
    ['a PDF named .png', samples.pdf(), 'photo.png'],
    ['plain text', Buffer.from('just some words, no magic here'), 'notes.pdf'],
  ])('refuses %s with 415 and stores nothing', async (_label, content, name) => {
    const before = await filesUnder(root);
    expectError(await toVisit({ name, content }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(await filesUnder(root)).toEqual(before);
  });

  it.each([
    ['a PNG photo', samples.png(), 'wound.PNG', 'image/png'],
    ['a JPEG photo', samples.jpeg(), 'kitchen.jpeg', 'image/jpeg'],
    [
      'a Word document',
      samples.docx(),
      'discharge.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    ['a file without an extension (typed by content)', samples.png(), 'IMG_0001', 'image/png'],
  ])('accepts %s, typed by its bytes', async (_label, content, name, mime) => {
    const response = await toVisit({ name, content });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().data.mimeType).toBe(mime);
    if (name === 'IMG_0001') expect(response.json().data.originalName).toBe('IMG_0001.png');
  });

  it.each([
    ['../../etc/passwd.pdf', 'passwd.pdf'],
    ['..\\..\\windows\\x.pdf', 'x.pdf'],
    ['re\u0000po\u0007rt\u202e.pdf', 'report.pdf'],
    ['...hidden.pdf', 'hidden.pdf'],
    ['／etc／shadow.pdf', 'shadow.pdf'],
  ])('neutralises the name %j', async (name, expected) => {
    const response = await toVisit({ name, content: samples.pdf() });
    expect(response.statusCode, response.body).toBe(201);
    const file = response.json().data;
    expect(file.originalName).toBe(expected);
    const row = await rowOf(file.id);
    expect(row.storageKey).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}$/);
    expect((await filesUnder(root)).every((path) => /^(\d{4}\/\d{2}\/[0-9a-f-]{36}|\.staging\/.*)$/.test(path))).toBe(
      true,
    );
    const download = await t.app.inject({ method: 'GET', url: `/files/${file.id}`, headers: lastWorker.headers });
    expect(download.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(expected)}`);
  });

  it('refuses to serve a tampered file: 500, no bytes, admins alerted, FILE_INTEGRITY_FAILURE audited', async () => {
    const admin = await createUser(t.app, { role: 'ADMIN' });
    const content = samples.pdf(4096);
    const created = await toVisit({ name: 'vitals.pdf', content });
    const file = created.json().data;
    const row = await rowOf(file.id);
    const tampered = Buffer.from(content);
    tampered[2000] = 0x41;
    await writeFile(join(root, row.storageKey), tampered);

    const download = await t.app.inject({ method: 'GET', url: `/files/${file.id}`, headers: team.supervisor.headers });
    expect(expectError(download, 500, 'INTERNAL_ERROR').message).toMatch(
      /cannot be served; the office has been alerted/,
    );
    expect(download.headers['content-type']).toContain('application/json');
    expect(download.body).not.toContain('%PDF');
    expect(download.headers['content-disposition']).toBeUndefined();

    const alerts = await t.app.deps.db
      .select()
      .from(schema.notifications)
      .where(and(eq(schema.notifications.userId, admin.id), eq(schema.notifications.entityId, file.id)));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.urgent).toBe(true);
    const audits = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityId, file.id), eq(schema.auditLog.action, 'FILE_INTEGRITY_FAILURE')));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.metadata).toMatchObject({ expectedSha256: row.sha256 });
    const downloads = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityId, file.id), eq(schema.auditLog.action, 'FILE_DOWNLOADED')));
    expect(downloads).toEqual([]);
  });

  it('refuses a file that vanished from storage the same way', async () => {
    const created = await toVisit({ name: 'gone.pdf', content: samples.pdf() });
    const row = await rowOf(created.json().data.id);
    await rm(join(root, row.storageKey));
    expectError(
      await t.app.inject({ method: 'GET', url: `/files/${row.id}`, headers: lastWorker.headers }),
      500,
      'INTERNAL_ERROR',
    );
  });

  it('validates the form: missing file, unknown entity type, unknown field', async () => {
    expectError(await toVisit({}), 400, 'VALIDATION_ERROR');
    expectError(await toVisit({ entityType: 'PLANET', content: samples.pdf() }), 400, 'VALIDATION_ERROR');
    expectError(await toVisit({ content: samples.pdf(), extra: { storageKey: '../x' } }), 400, 'VALIDATION_ERROR');
    const json = await t.app.inject({
      method: 'POST',
      url: '/files/upload',
      headers: lastWorker.headers,
      payload: { entityType: 'VISIT' },
    });
    expectError(json, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectError(await t.app.inject({ method: 'POST', url: '/files/upload', payload: {} }), 401, 'UNAUTHORIZED');
  });

  it('limits uploads to 10 a minute per user: the 11th answers 429, another user is unaffected', async () => {
    const worker = await createUser(t.app, { role: 'WORKER' });
    const form = { entityType: 'PROFILE', entityId: worker.id, name: 'badge.png', content: samples.png() };
    for (let i = 0; i < 10; i++) expect((await upload(t.app, worker, form)).statusCode).toBe(201);
    const eleventh = await upload(t.app, worker, form);
    expectError(eleventh, 429, 'RATE_LIMITED');
    expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(0);
    const other = await createUser(t.app, { role: 'WORKER' });
    expect((await upload(t.app, other, { ...form, entityId: other.id })).statusCode).toBe(201);
  });
});
