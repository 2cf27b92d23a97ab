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

describe('a person’s photo: set, clear, and who may see it', () => {
  let t: TestApp;
  let root: string;
  let home: Awaited<ReturnType<typeof createTeam>>;
  let other: Awaited<ReturnType<typeof createTeam>>;
  let admin: TestUser;
  /** A client in another team with one visit by home's worker (no care-team assignment). */
  let visited: TestUser;

  const call = (user: TestUser, method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });
  const uploadPhoto = async (user: TestUser, forId: string, name = 'me.png', content: Buffer = samples.png()) => {
    const response = await upload(t.app, user, { entityType: 'PROFILE', entityId: forId, name, content });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().data.id as string;
  };
  const storedPhoto = async (userId: string) =>
    (await t.app.deps.db.select().from(schema.profiles).where(eq(schema.profiles.userId, userId)))[0]?.photoFileId ??
    null;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'caretracker-photos-'));
    t = await startApp({ config: { FILE_STORAGE_PATH: root } });
    home = await createTeam(t.app);
    other = await createTeam(t.app);
    admin = await createUser(t.app, { role: 'ADMIN' });
    visited = await createUser(t.app, { role: 'CLIENT', supervisorId: other.supervisor.id });
    await createVisitRow(t.app, {
      clientId: visited.id,
      workerId: home.worker.id,
      start: new Date(Date.now() + 86_400_000),
    });
    await createVisitRow(t.app, {
      clientId: home.client.id,
      workerId: home.worker.id,
      start: new Date(Date.now() + 2 * 86_400_000),
    });
  });
  afterAll(async () => {
    await t?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('a worker sets their own photo, it is served as the image with an audit row, and clearing it ends that', async () => {
    const png = samples.png();
    const fileId = await uploadPhoto(home.worker, home.worker.id, 'me.png', png);
    const set = await call(home.worker, 'PUT', `/users/${home.worker.id}/photo`, { fileId });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().data).toEqual({ userId: home.worker.id, photoFileId: fileId });
    expect(await storedPhoto(home.worker.id)).toBe(fileId);
    const audited = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityId, home.worker.id), eq(schema.auditLog.action, 'USER_UPDATED')));
    expect(audited.some((row) => JSON.stringify(row.newValues).includes(fileId))).toBe(true);

    const served = await call(home.worker, 'GET', `/users/${home.worker.id}/photo`);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.rawPayload.equals(png)).toBe(true);

    expect((await call(home.worker, 'DELETE', `/users/${home.worker.id}/photo`)).statusCode).toBe(204);
    expect(await storedPhoto(home.worker.id)).toBeNull();
    expectError(await call(home.worker, 'GET', `/users/${home.worker.id}/photo`), 404, 'NOT_FOUND');
  });

  it("a client sees their worker's photo (care team or a visit), and the portal home says there is one", async () => {
    const fileId = await uploadPhoto(admin, home.worker.id);
    expect((await call(admin, 'PUT', `/users/${home.worker.id}/photo`, { fileId })).statusCode).toBe(200);
    for (const user of [home.client, visited, home.supervisor, admin]) {
      const served = await call(user, 'GET', `/users/${home.worker.id}/photo`);
      expect(served.statusCode, `${user.role} ${served.body}`).toBe(200);
      expect(served.headers['content-type']).toBe('image/png');
    }
    const portal = await call(home.client, 'GET', '/portal/home');
    expect(portal.json().data.nextVisit.worker).toMatchObject({ id: home.worker.id, hasPhoto: true });
  });

  it('the visit list and detail say whether the worker has a photo; a family member acting for the client sees it', async () => {
    const upcoming = await call(home.client, 'GET', '/visits');
    expect(upcoming.statusCode, upcoming.body).toBe(200);
    const listed = upcoming.json().data.find((v: { workerId: string }) => v.workerId === home.worker.id);
    expect(listed.worker).toMatchObject({ id: home.worker.id, hasPhoto: true });
    const detail = await call(home.client, 'GET', `/visits/${listed.id}`);
    expect(detail.json().data.worker).toMatchObject({ id: home.worker.id, hasPhoto: true });

    // A worker without a photo, on another of the client's visits: false, and the photo is not found.
    const plain = await createUser(t.app, { role: 'WORKER', supervisorId: home.supervisor.id });
    const second = await createVisitRow(t.app, {
      clientId: home.client.id,
      workerId: plain.id,
      start: new Date(Date.now() + 3 * 86_400_000),
    });
    const secondDetail = await call(home.client, 'GET', `/visits/${second.id}`);
    expect(secondDetail.json().data.worker).toMatchObject({ id: plain.id, hasPhoto: false });
    expectError(await call(home.client, 'GET', `/users/${plain.id}/photo`), 404, 'NOT_FOUND');

    const family = await createUser(t.app, { role: 'CLIENT' });
    const linked = await t.app.inject({
      method: 'POST',
      url: `/users/${home.client.id}/family-members`,
      headers: admin.headers,
      payload: { userId: family.id },
    });
    expect(linked.statusCode, linked.body).toBe(201);
    const served = await call(family, 'GET', `/users/${home.worker.id}/photo`);
    expect(served.statusCode, served.body).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    const familyDetail = await call(family, 'GET', `/visits/${listed.id}`);
    expect(familyDetail.json().data.worker).toMatchObject({ id: home.worker.id, hasPhoto: true });
    // Not another team's worker: the family member sees what the client sees, no more.
    expectError(await call(family, 'GET', `/users/${other.worker.id}/photo`), 404, 'NOT_FOUND');
  });

  it('outsiders (a client without a visit with that worker, another team) get 404 and the denial is logged', async () => {
    for (const outsider of [other.client, other.worker, other.supervisor]) {
      expectError(await call(outsider, 'GET', `/users/${home.worker.id}/photo`), 404, 'NOT_FOUND');
      const denied = await t.app.deps.db
        .select()
        .from(schema.auditLog)
        .where(
          and(
            eq(schema.auditLog.entityId, home.worker.id),
            eq(schema.auditLog.actorId, outsider.id),
            eq(schema.auditLog.action, 'PERMISSION_DENIED'),
          ),
        );
      expect(denied.length).toBeGreaterThan(0);
    }
  });

  it('only the person or an admin changes it: others get 404 (unseen) or 403 (seen), and nothing changes', async () => {
    const before = await storedPhoto(home.worker.id);
    const fileId = await uploadPhoto(other.worker, other.worker.id);
    expectError(await call(other.worker, 'PUT', `/users/${home.worker.id}/photo`, { fileId }), 404, 'NOT_FOUND');
    expectError(await call(other.client, 'DELETE', `/users/${home.worker.id}/photo`), 404, 'NOT_FOUND');
    expectError(await call(home.client, 'DELETE', `/users/${home.worker.id}/photo`), 403, 'FORBIDDEN');
    expectError(await call(home.supervisor, 'DELETE', `/users/${home.worker.id}/photo`), 403, 'FORBIDDEN');
    expect(await storedPhoto(home.worker.id)).toBe(before);
  });

  it('a non-image file, or an image uploaded for someone else, is refused in the shared error shape', async () => {
    const before = await storedPhoto(home.worker.id);
    const pdf = await uploadPhoto(home.worker, home.worker.id, 'cv.pdf', samples.pdf());
    const refused = expectError(
      await call(home.worker, 'PUT', `/users/${home.worker.id}/photo`, { fileId: pdf }),
      422,
      'UNPROCESSABLE',
    );
    expect(refused.details?.[0]?.field).toBe('body.fileId');
    const othersImage = await uploadPhoto(other.worker, other.worker.id);
    expectError(
      await call(home.worker, 'PUT', `/users/${home.worker.id}/photo`, { fileId: othersImage }),
      422,
      'UNPROCESSABLE',
    );
    expect(await storedPhoto(home.worker.id)).toBe(before);
  });
});
