import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createVisitRow } from './helpers/care-factories';
import { createTeam, createUser, type TestUser } from './helpers/factories';
import { samples, upload } from './helpers/files';
import { expectError } from './helpers/http';

describe('files: who may upload, list, download and delete', () => {
  let t: TestApp;
  let root: string;
  let home: Awaited<ReturnType<typeof createTeam>>;
  let other: Awaited<ReturnType<typeof createTeam>>;
  let admin: TestUser;
  let visitId: string;
  let visitFile: string;
  let clientFile: string;

  const get = (user: TestUser, url: string) => t.app.inject({ method: 'GET', url, headers: user.headers });
  const idsListed = async (user: TestUser, query = '') =>
    ((await get(user, `/files${query}`)).json().data as Array<{ id: string }>).map((f) => f.id);
  const denials = async (fileId: string, actorId: string) =>
    t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(
        and(
          eq(schema.auditLog.entityId, fileId),
          eq(schema.auditLog.actorId, actorId),
          eq(schema.auditLog.action, 'PERMISSION_DENIED'),
        ),
      );

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'caretracker-files-'));
    t = await startApp({ config: { FILE_STORAGE_PATH: root } });
    home = await createTeam(t.app);
    other = await createTeam(t.app);
    admin = await createUser(t.app, { role: 'ADMIN' });
    const visit = await createVisitRow(t.app, {
      clientId: home.client.id,
      workerId: home.worker.id,
      start: new Date(),
    });
    visitId = visit.id;
    const photo = await upload(t.app, home.worker, {
      entityType: 'VISIT',
      entityId: visitId,
      name: 'wound.png',
      content: samples.png(),
    });
    expect(photo.statusCode, photo.body).toBe(201);
    visitFile = photo.json().data.id;
    const letter = await upload(t.app, home.supervisor, {
      entityType: 'CLIENT',
      entityId: home.client.id,
      name: 'referral.pdf',
      content: samples.pdf(),
    });
    expect(letter.statusCode, letter.body).toBe(201);
    clientFile = letter.json().data.id;
  });
  afterAll(async () => {
    await t?.close();
    await rm(root, { recursive: true, force: true });
  });

  it("the care team and the client download a visit's file; admins too", async () => {
    for (const user of [home.worker, home.client, home.supervisor, admin]) {
      expect((await get(user, `/files/${visitFile}`)).statusCode).toBe(200);
    }
  });

  it('outsiders of every role get 404 on download and delete, the denial is logged and the row is unchanged', async () => {
    const outsiders = [other.worker, other.client, other.supervisor];
    for (const outsider of outsiders) {
      for (const id of [visitFile, clientFile]) {
        expectError(await get(outsider, `/files/${id}`), 404, 'NOT_FOUND');
        expectError(
          await t.app.inject({ method: 'DELETE', url: `/files/${id}`, headers: outsider.headers }),
          404,
          'NOT_FOUND',
        );
        expect((await denials(id, outsider.id)).length).toBe(2);
      }
    }
    const [row] = await t.app.deps.db.select().from(schema.files).where(eq(schema.files.id, visitFile));
    expect(row?.deletedAt).toBeNull();
  });

  it("a worker sees what they uploaded and their visits' files, not the client's record files", async () => {
    expectError(await get(home.worker, `/files/${clientFile}`), 404, 'NOT_FOUND');
    const listed = await idsListed(home.worker);
    expect(listed).toContain(visitFile);
    expect(listed).not.toContain(clientFile);
  });

  it("a client record's document list names who uploaded each file", async () => {
    const listed = (await get(admin, `/files?entityType=CLIENT&entityId=${home.client.id}`)).json().data;
    expect(listed).toEqual([
      expect.objectContaining({
        id: clientFile,
        originalName: 'referral.pdf',
        uploader: { id: home.supervisor.id, firstName: home.supervisor.firstName, lastName: home.supervisor.lastName },
      }),
    ]);
  });

  it('listing is filtered by access and by entity', async () => {
    expect(await idsListed(home.client, `?entityType=CLIENT&entityId=${home.client.id}`)).toEqual([clientFile]);
    expect(await idsListed(home.supervisor)).toEqual(expect.arrayContaining([visitFile, clientFile]));
    expect(await idsListed(admin, `?entityType=VISIT&entityId=${visitId}`)).toEqual([visitFile]);
    for (const outsider of [other.worker, other.client, other.supervisor]) {
      const listed = await idsListed(outsider);
      expect(listed).not.toContain(visitFile);
      expect(listed).not.toContain(clientFile);
      expect(await idsListed(outsider, `?entityType=VISIT&entityId=${visitId}`)).toEqual([]);
    }
  });

  it('uploading needs write access to the entity: outsiders 404, a client to their budget 403', async () => {
    const form = { name: 'x.pdf', content: samples.pdf() };
    expectError(
      await upload(t.app, other.worker, { ...form, entityType: 'VISIT', entityId: visitId }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await upload(t.app, other.client, { ...form, entityType: 'VISIT', entityId: visitId }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await upload(t.app, other.supervisor, { ...form, entityType: 'CLIENT', entityId: home.client.id }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await upload(t.app, home.worker, { ...form, entityType: 'CLIENT', entityId: home.client.id }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await upload(t.app, home.worker, { ...form, entityType: 'PROFILE', entityId: home.client.id }),
      404,
      'NOT_FOUND',
    );
    expect((await upload(t.app, home.client, { ...form, entityType: 'VISIT', entityId: visitId })).statusCode).toBe(
      201,
    );
    expect(
      (await upload(t.app, home.client, { ...form, entityType: 'PROFILE', entityId: home.client.id })).statusCode,
    ).toBe(201);

    const [budget] = await t.app.deps.db
      .insert(schema.budgets)
      .values({
        clientId: home.client.id,
        periodType: 'MONTHLY',
        periodStart: '2031-01-01',
        periodEnd: '2031-01-31',
        totalCents: 100_000,
        fundingSource: 'Medicaid waiver',
      })
      .returning();
    const [expense] = await t.app.deps.db
      .insert(schema.expenses)
      .values({
        budgetId: budget!.id,
        category: 'TRANSPORTATION',
        amountCents: 2500,
        description: 'Taxi',
        incurredOn: '2031-01-05',
      })
      .returning();
    const receipt = { ...form, entityType: 'EXPENSE', entityId: expense!.id };
    expectError(await upload(t.app, home.client, receipt), 403, 'FORBIDDEN');
    expectError(await upload(t.app, home.worker, receipt), 404, 'NOT_FOUND');
    expectError(await upload(t.app, other.supervisor, receipt), 404, 'NOT_FOUND');
    const stored = await upload(t.app, home.supervisor, receipt);
    expect(stored.statusCode).toBe(201);
    expect(await idsListed(home.client, `?entityType=EXPENSE&entityId=${expense!.id}`)).toEqual([
      stored.json().data.id,
    ]);
  });

  it('message attachments: participants of the conversation only', async () => {
    const [conversation] = await t.app.deps.db
      .insert(schema.conversations)
      .values({ clientId: home.client.id, subject: 'Medication change' })
      .returning();
    await t.app.deps.db
      .insert(schema.conversationParticipants)
      .values([home.worker.id, home.client.id].map((userId) => ({ conversationId: conversation!.id, userId })));
    const form = { entityType: 'MESSAGE', entityId: conversation!.id, name: 'list.pdf', content: samples.pdf() };
    const sent = await upload(t.app, home.worker, form);
    expect(sent.statusCode).toBe(201);
    expectError(await upload(t.app, other.worker, form), 404, 'NOT_FOUND');
    expect((await get(home.client, `/files/${sent.json().data.id}`)).statusCode).toBe(200);
    expectError(await get(other.worker, `/files/${sent.json().data.id}`), 404, 'NOT_FOUND');
  });

  it('delete is soft and audited; then nobody can download or list it; bytes stay for retention', async () => {
    const made = await upload(t.app, home.worker, {
      entityType: 'VISIT',
      entityId: visitId,
      name: 'old.png',
      content: samples.png(),
    });
    const id = made.json().data.id;
    expectError(
      await t.app.inject({ method: 'DELETE', url: `/files/${id}`, headers: home.client.headers }),
      403,
      'FORBIDDEN',
    );
    const deleted = await t.app.inject({ method: 'DELETE', url: `/files/${id}`, headers: home.worker.headers });
    expect(deleted.statusCode).toBe(204);
    const [row] = await t.app.deps.db.select().from(schema.files).where(eq(schema.files.id, id));
    expect(row?.deletedAt).toBeInstanceOf(Date);
    const [audit] = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityId, id), eq(schema.auditLog.action, 'FILE_DELETED')));
    expect(audit).toMatchObject({ actorId: home.worker.id, dataClassification: 'PHI' });
    for (const user of [home.worker, home.supervisor, admin]) {
      expectError(await get(user, `/files/${id}`), 404, 'NOT_FOUND');
      expect(await idsListed(user)).not.toContain(id);
    }
    const { filesUnder } = await import('./helpers/files');
    expect(await filesUnder(root)).toContain(row!.storageKey);
  });
});
