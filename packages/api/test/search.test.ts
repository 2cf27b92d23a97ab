import { randomBytes } from 'node:crypto';
import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { assignToCareTeam, createCarePlan, createTeam, createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';
import { insertConversation } from './helpers/report-factories';
import { insertVisit } from './helpers/visits';

/** Letters only, so names and words stay one token for the trigram and full-text parsers. */
const word = () =>
  Array.from(randomBytes(8))
    .map((b) => String.fromCharCode(97 + (b % 26)))
    .join('');

describe('search', () => {
  let t: TestApp;
  let a: Awaited<ReturnType<typeof createTeam>>;
  let b: Awaited<ReturnType<typeof createTeam>>;
  let admin: TestUser;
  let unassigned: TestUser; // in team A, not assigned to A's worker
  let lookalike: TestUser; // team A, name contains the exact one
  let otherWorker: TestUser; // team A, not on A's visit
  const surname = `Fenwick${word()}`;
  const [publicWord, privateWord, planWord, messageWord] = [word(), word(), word(), word()];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startApp();
    [a, b] = [await createTeam(t.app), await createTeam(t.app)];
    admin = await createUser(t.app, { role: 'ADMIN' });
    const { db } = t.app.deps;
    // A's client is "Ann <surname>"; so is B's: the same name in another team.
    for (const team of [a, b]) {
      await db
        .update(schema.users)
        .set({ firstName: 'Ann', lastName: surname })
        .where(eq(schema.users.id, team.client.id));
    }
    lookalike = await createUser(t.app, {
      role: 'CLIENT',
      supervisorId: a.supervisor.id,
      firstName: 'Joann',
      lastName: surname,
    });
    unassigned = await createUser(t.app, {
      role: 'CLIENT',
      supervisorId: a.supervisor.id,
      firstName: 'Bea',
      lastName: surname,
    });
    otherWorker = await createUser(t.app, {
      role: 'WORKER',
      supervisorId: a.supervisor.id,
      firstName: 'Ann',
      lastName: `${surname}w`,
    });
    await assignToCareTeam(t.app, lookalike.id, otherWorker.id);

    for (const [key, team] of [
      ['a', a],
      ['b', b],
    ] as const) {
      const visit = await insertVisit(t.app, {
        client: team.client,
        worker: team.worker,
        start: new Date('2019-07-01T09:00:00Z'),
        end: new Date('2019-07-01T10:00:00Z'),
        status: 'COMPLETED',
        notes: `${publicWord} garden & BP 5 < 7 > 3 "ok" <script>alert(1)</script>`,
        privateNotes: `Worried about ${privateWord} bruising`,
      });
      ids[`visit_${key}`] = visit.id;
      const plan = await createCarePlan(t.app, {
        clientId: team.client.id,
        status: 'ACTIVE',
        title: `Mobility plan ${planWord}`,
      });
      ids[`plan_${key}`] = plan.id;
    }
    const draft = await createCarePlan(t.app, { clientId: a.client.id, status: 'DRAFT', title: `Draft ${planWord}` });
    ids.plan_draft = draft.id;
    const thread = await insertConversation(t.app, {
      clientId: a.client.id,
      participantIds: [a.supervisor.id, a.worker.id],
      senderId: a.supervisor.id,
      body: `Please bring ${messageWord} & gloves (size < M) tomorrow`,
    });
    ids.message = thread.message.id;
  });
  afterAll(() => t.close());

  const search = async (user: TestUser, q: string, types?: string) => {
    const params = new URLSearchParams({ q, ...(types ? { types } : {}) });
    const response = await t.app.inject({ method: 'GET', url: `/search?${params}`, headers: user.headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().data;
  };
  const idsOf = (hits: Array<{ id: string }>) => hits.map((hit) => hit.id).sort();
  const suggest = async (user: TestUser, q: string) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/search/suggest?q=${encodeURIComponent(q)}`,
      headers: user.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().data as Array<{ id: string; role: string; name: string }>;
  };

  it('clients by name: an exact name ranks first; only the caller’s team', async () => {
    const result = await search(a.supervisor, `Ann ${surname}`, 'clients');
    expect(result.clients[0]).toMatchObject({ id: a.client.id, title: `Ann ${surname}`, field: 'name' });
    expect(result.clients[0].snippet).toBe(`<mark>Ann ${surname}</mark>`);
    // Similar names of the team follow (trigram similarity); the same name in team B never shows.
    const found = result.clients.map((c: { id: string }) => c.id);
    expect(found).toContain(lookalike.id);
    expect(found).not.toContain(b.client.id);
    const everyone = await search(admin, `Ann ${surname}`, 'clients');
    expect(idsOf(everyone.clients.slice(0, 2))).toEqual(idsOf([{ id: a.client.id }, { id: b.client.id }]));
    expect(everyone.clients.map((c: { id: string }) => c.id)).toContain(lookalike.id);
    expect(everyone.clients[0].rank).toBeGreaterThan(everyone.clients.at(-1).rank);
  });

  it('clients by MRN (exact, in any letter case: it is sealed at rest) for supervisors, never for workers', async () => {
    const [profile] = await t.app.deps.db
      .select({ mrn: schema.profiles.medicalRecordNumber })
      .from(schema.profiles)
      .where(eq(schema.profiles.userId, a.client.id));
    const mrn = profile!.mrn!;
    expect((await search(a.supervisor, mrn, 'clients')).clients).toEqual([
      expect.objectContaining({
        id: a.client.id,
        field: 'medicalRecordNumber',
        snippet: expect.stringContaining(`<mark>${mrn}</mark>`),
      }),
    ]);
    expect(idsOf((await search(a.supervisor, mrn.toLowerCase(), 'clients')).clients)).toEqual([a.client.id]);
    // A part of an MRN finds nothing: only the keyed hash of the whole number is stored.
    expect(idsOf((await search(a.supervisor, mrn.slice(0, -2), 'clients')).clients)).not.toContain(a.client.id);
    expect((await search(b.supervisor, mrn, 'clients')).clients).toEqual([]);
    expect((await search(a.worker, mrn, 'clients')).clients).toEqual([]);
  });

  it('a worker finds only assigned clients; a client only themselves', async () => {
    expect(idsOf((await search(a.worker, surname, 'clients')).clients)).toEqual([a.client.id]);
    expect(idsOf((await search(otherWorker, surname, 'clients')).clients)).toEqual([lookalike.id]);
    expect(idsOf((await search(a.client, surname, 'clients')).clients)).toEqual([a.client.id]);
    expect(
      (await search(a.client, `Bea ${surname}`, 'clients')).clients.map((c: { id: string }) => c.id),
    ).not.toContain(unassigned.id);
  });

  it('visit notes: highlighted, everything else escaped; each role sees only its visits', async () => {
    const result = await search(a.supervisor, publicWord, 'visits');
    expect(idsOf(result.visits)).toEqual([ids.visit_a]);
    const [hit] = result.visits;
    expect(hit).toMatchObject({ field: 'notes', clientId: a.client.id });
    expect(hit.snippet).toContain(`<mark>${publicWord}</mark>`);
    // ts_headline drops markup-like tags itself; every character left is escaped.
    expect(hit.snippet).toContain(`<mark>${publicWord}</mark> garden &amp; BP 5 &lt; 7 &gt; 3 &quot;ok&quot;`);
    expect(hit.snippet).not.toContain('<script');
    expect(hit.snippet.replaceAll('<mark>', '').replaceAll('</mark>', '')).not.toMatch(/[<>]/);
    expect(idsOf((await search(b.supervisor, publicWord, 'visits')).visits)).toEqual([ids.visit_b]);
    expect(idsOf((await search(a.worker, publicWord, 'visits')).visits)).toEqual([ids.visit_a]);
    expect((await search(otherWorker, publicWord, 'visits')).visits).toEqual([]);
    expect(idsOf((await search(a.client, publicWord, 'visits')).visits)).toEqual([ids.visit_a]);
    expect(idsOf((await search(admin, publicWord, 'visits')).visits)).toEqual(
      idsOf([{ id: ids.visit_a! }, { id: ids.visit_b! }]),
    );
  });

  it('private notes: supervisors, admins and the visit’s own worker; never the client', async () => {
    const supervisor = await search(a.supervisor, privateWord, 'visits');
    expect(supervisor.visits).toEqual([expect.objectContaining({ id: ids.visit_a, field: 'privateNotes' })]);
    expect(supervisor.visits[0].snippet).toContain(`<mark>${privateWord}</mark>`);
    expect(idsOf((await search(a.worker, privateWord, 'visits')).visits)).toEqual([ids.visit_a]);
    expect((await search(a.client, privateWord, 'visits')).visits).toEqual([]);
    expect((await search(otherWorker, privateWord, 'visits')).visits).toEqual([]);
    expect(idsOf((await search(admin, privateWord, 'visits')).visits)).toHaveLength(2);
  });

  it('care plans: by the plan text, within each role’s view (no drafts for workers and clients)', async () => {
    expect(idsOf((await search(a.supervisor, planWord, 'careplans')).careplans)).toEqual(
      idsOf([{ id: ids.plan_a! }, { id: ids.plan_draft! }]),
    );
    expect(idsOf((await search(a.worker, planWord, 'careplans')).careplans)).toEqual([ids.plan_a]);
    expect(idsOf((await search(a.client, planWord, 'careplans')).careplans)).toEqual([ids.plan_a]);
    expect((await search(otherWorker, planWord, 'careplans')).careplans).toEqual([]);
    expect(idsOf((await search(b.supervisor, planWord, 'careplans')).careplans)).toEqual([ids.plan_b]);
    const [hit] = (await search(a.client, planWord, 'careplans')).careplans;
    expect(hit.snippet).toContain(`<mark>${planWord}</mark>`);
  });

  it('messages: only in conversations the caller takes part in; escaped', async () => {
    const [hit] = (await search(a.worker, messageWord, 'messages')).messages;
    expect(hit).toMatchObject({ id: ids.message, clientId: a.client.id });
    expect(hit.snippet).toContain(`<mark>${messageWord}</mark>`);
    expect(hit.snippet).toContain('&amp; gloves (size &lt; M)');
    expect((await search(a.client, messageWord, 'messages')).messages).toEqual([]);
    expect((await search(otherWorker, messageWord, 'messages')).messages).toEqual([]);
    expect((await search(admin, messageWord, 'messages')).messages).toEqual([]);
  });

  it('all types at once; one PHI_READ audit row with the result ids and count, not the search text', async () => {
    const result = await search(a.supervisor, publicWord);
    expect(result.total).toBe(1);
    const rows = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.actorId, a.supervisor.id), eq(schema.auditLog.entityType, 'search')));
    const last = rows.at(-1)!;
    expect(last).toMatchObject({ action: 'PHI_READ', dataClassification: 'PHI' });
    expect(last.metadata).toMatchObject({ resultCount: 1, results: { visits: [ids.visit_a] } });
    expect(JSON.stringify(last.metadata)).not.toContain(publicWord);
  });

  it('suggest: visible client and worker names, prefix first, at most 10', async () => {
    const forSupervisor = await suggest(a.supervisor, 'ann fen');
    expect(forSupervisor.map((s) => s.id)).toEqual(expect.arrayContaining([a.client.id, otherWorker.id]));
    expect(forSupervisor.map((s) => s.id)).not.toContain(b.client.id);
    expect(forSupervisor.length).toBeLessThanOrEqual(10);
    expect(forSupervisor[0]!.name.toLowerCase().startsWith('ann fen')).toBe(true);
    const forWorker = await suggest(a.worker, surname.slice(0, 9));
    expect(forWorker.map((s) => s.id)).toEqual([a.client.id]);
    expect((await suggest(a.client, surname)).map((s) => s.id)).toEqual([a.client.id]);
    expect((await suggest(b.supervisor, `Joann ${surname}`)).map((s) => s.id)).not.toContain(lookalike.id);
  });

  it('outsiders and bad input: 401 without a session, 400 for a short query or an unknown type', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/search?q=anything' }), 401, 'UNAUTHORIZED');
    expectError(await t.app.inject({ method: 'GET', url: '/search/suggest?q=an' }), 401, 'UNAUTHORIZED');
    expectError(
      await t.app.inject({ method: 'GET', url: '/search?q=a', headers: admin.headers }),
      400,
      'VALIDATION_ERROR',
    );
    expectError(
      await t.app.inject({ method: 'GET', url: '/search?q=abc&types=clients,secrets', headers: admin.headers }),
      400,
      'VALIDATION_ERROR',
    );
  });
});
