import { schema } from '@caretracker/database';
import { eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createVisitRow } from './helpers/care-factories';
import { createTeam, createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';

const NUL = 'before\u0000after';
const LONE = 'pain \uD83D today';
const SOME_ID = '00000000-0000-4000-8000-000000000001';

describe('NUL and unpaired surrogates are refused at the edge, naming the field, on every route', () => {
  let t: TestApp;
  let team: Awaited<ReturnType<typeof createTeam>>;
  let admin: TestUser;
  let visitId: string;
  beforeAll(async () => {
    t = await startApp();
    team = await createTeam(t.app);
    admin = await createUser(t.app, { role: 'ADMIN' });
    visitId = (await createVisitRow(t.app, { clientId: team.client.id, workerId: team.worker.id, start: new Date() }))
      .id;
  });
  afterAll(() => t.close());

  const send = (user: TestUser, options: InjectOptions) =>
    t.app.inject({ ...options, headers: { ...user.headers, ...options.headers } });
  const refused = async (user: TestUser, options: InjectOptions, field: string) => {
    const body = expectError(await send(user, options), 400, 'VALIDATION_ERROR');
    expect(body.details).toEqual([{ field, message: expect.any(String) }]);
    expect(body.message).toBe(`Invalid request: ${field}`);
  };

  it('in JSON bodies: visit notes, check-out, messages, profile, emergency contact, care plans', async () => {
    for (const bad of [NUL, LONE]) {
      await refused(
        team.supervisor,
        { method: 'PUT', url: `/visits/${visitId}`, payload: { notes: bad } },
        'body.notes',
      );
      await refused(
        team.worker,
        { method: 'POST', url: `/visits/${visitId}/checkout`, payload: { notes: bad } },
        'body.notes',
      );
      await refused(
        team.client,
        { method: 'POST', url: `/conversations/${SOME_ID}/messages`, payload: { body: bad } },
        'body.body',
      );
      await refused(
        team.client,
        { method: 'PUT', url: `/users/${team.client.id}`, payload: { profile: { preferredLanguage: bad } } },
        'body.profile.preferredLanguage',
      );
      await refused(
        team.client,
        {
          method: 'PUT',
          url: `/users/${team.client.id}`,
          payload: { profile: { emergencyContact: { name: bad, phone: '+1 503 555 0101' } } },
        },
        'body.profile.emergencyContact.name',
      );
      await refused(
        team.supervisor,
        { method: 'POST', url: '/emergencies', payload: { message: bad } },
        'body.message',
      );
    }
    // Nothing was written: the visit and the profile are as they were.
    const [visit] = await t.app.deps.db.select().from(schema.visits).where(eq(schema.visits.id, visitId));
    expect(visit?.notes).toBeNull();
    const [profile] = await t.app.deps.db
      .select()
      .from(schema.profiles)
      .where(eq(schema.profiles.userId, team.client.id));
    expect(profile?.preferredLanguage ?? null).toBeNull();
    expect(profile?.emergencyContact ?? null).toBeNull();
  });

  it('a lone surrogate in a care plan title is refused, not stored as U+FFFD', async () => {
    await refused(
      team.supervisor,
      {
        method: 'POST',
        url: '/careplans',
        payload: {
          clientId: team.client.id,
          title: `Mobility ${LONE}`,
          startsOn: '2026-01-01',
          nextReviewOn: '2026-06-01',
        },
      },
      'body.title',
    );
    const plans = await t.app.deps.db
      .select()
      .from(schema.carePlans)
      .where(eq(schema.carePlans.clientId, team.client.id));
    expect(plans).toEqual([]);
  });

  it('in query strings: /users?search=, /audit?action= and entityId=, /search/suggest, /messages/search', async () => {
    await refused(team.supervisor, { method: 'GET', url: '/users?search=Ad%00ams' }, 'querystring.search');
    await refused(admin, { method: 'GET', url: '/audit?action=LOGIN%00' }, 'querystring.action');
    await refused(admin, { method: 'GET', url: '/audit?entityId=%00' }, 'querystring.entityId');
    await refused(team.supervisor, { method: 'GET', url: '/search/suggest?q=Ad%00' }, 'querystring.q');
    await refused(team.supervisor, { method: 'GET', url: '/search?q=Ad%00ams' }, 'querystring.q');
    await refused(team.client, { method: 'GET', url: '/messages/search?q=he%00lp' }, 'querystring.q');
  });

  it('in path parameters and object keys, before any schema runs', async () => {
    await refused(team.supervisor, { method: 'GET', url: '/visits/ab%00cd' }, 'params.id');
    await refused(
      team.supervisor,
      { method: 'PUT', url: `/visits/${visitId}`, payload: { [`no${'\u0000'}tes`]: 'x' } },
      'body',
    );
  });

  it('in the multipart fields of an upload', async () => {
    const boundary = '----caretracker-test';
    const part = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const payload = `${part('entityType', 'VISIT')}${part('entityId', visitId)}${part('description', NUL)}--${boundary}--\r\n`;
    await refused(
      team.worker,
      {
        method: 'POST',
        url: '/files/upload',
        payload,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      },
      'body.description',
    );
  });

  it('logout takes any body, NUL included, and still ends the session', async () => {
    const worker = await createUser(t.app, { role: 'WORKER' });
    const out = await send(worker, { method: 'POST', url: '/auth/logout', payload: { note: NUL } });
    expect(out.statusCode, out.body).toBe(200);
    expectError(await send(worker, { method: 'GET', url: '/auth/me' }), 401, 'UNAUTHORIZED');
  });

  it('ordinary text, emoji and other scripts pass', async () => {
    const response = await send(team.client, {
      method: 'PUT',
      url: `/users/${team.client.id}`,
      payload: { profile: { emergencyContact: { name: 'Zoë 李 😊 Adams', phone: '+1 503 555 0101' } } },
    });
    expect(response.statusCode, response.body).toBe(200);
  });
});
