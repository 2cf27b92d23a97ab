import { schema } from '@caretracker/database';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officeConditions, officeVisitPage } from '../src/modules/visits/office-queries';
import { visibleVisitsQueries } from '../src/modules/visits/queries';
import { startApp, type TestApp } from './helpers/app';
import { createActivePlan } from './helpers/care-factories';
import { createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';
import { createOfficeTeam, hoursFromNow, type OfficeTeam, officeVisit, openException } from './helpers/office';

const DAY = 86_400_000;
type Item = { id: string; scheduledStart: string; status: string; attention: string | null };

describe('GET /office/visits: keyset pages, filters, capped count', () => {
  let t: TestApp;
  let a: OfficeTeam;
  let b: OfficeTeam;
  let admin: TestUser;
  const ids: Record<string, string> = {};
  // A window of its own, far from other visits of this file: 40–50 days ahead.
  const from = new Date(Date.now() + 40 * DAY).toISOString();
  const to = new Date(Date.now() + 50 * DAY).toISOString();
  beforeAll(async () => {
    t = await startApp({ ownDatabase: true });
    a = await createOfficeTeam(t.app);
    b = await createOfficeTeam(t.app);
    admin = await createUser(t.app, { role: 'ADMIN' });
    // Seven future visits of team A, two of them at the same minute (ties are ordered by id).
    const base = Date.now();
    for (const [index, days] of [41, 42, 42, 43, 44, 45, 46].entries()) {
      const visit = await officeVisit(t.app, {
        client: index % 2 === 0 ? a.client : a.secondClient,
        worker: index === 2 ? null : a.worker,
        // The third starts at the same instant as the second.
        start: new Date(base + days * DAY + (index === 2 ? 1 : index) * 2 * 3_600_000),
      });
      ids[`future${index}`] = visit.id;
    }
    await officeVisit(t.app, { client: b.client, worker: b.worker, start: new Date(Date.now() + 42 * DAY) });
    // Today: a late one, a missed one with an open exception, one under way with a refused dose.
    ids.late = (await officeVisit(t.app, { client: a.client, start: hoursFromNow(-0.5) })).id;
    ids.missed = (await officeVisit(t.app, { client: a.client, worker: a.worker, start: hoursFromNow(-5) })).id;
    await openException(t.app, ids.missed);
    ids.underWay = (
      await officeVisit(t.app, { client: a.client, worker: a.worker, start: hoursFromNow(-1), status: 'IN_PROGRESS' })
    ).id;
    const { medications } = await createActivePlan(t.app, {
      clientId: a.client.id,
      medications: [{ name: 'Aspirin', times: ['09:00'] }],
    });
    await t.app.deps.db.insert(schema.medicationAdministrations).values({
      visitId: ids.underWay,
      medicationId: medications[0]!.id,
      outcome: 'REFUSED',
      reason: 'Client declined',
      recordedBy: a.worker.id,
    });
  });
  afterAll(() => t.close());

  const list = async (user: TestUser, query: Record<string, string>) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/office/visits?${new URLSearchParams(query)}`,
      headers: user.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { data: Item[]; page: { hasMore: boolean; nextCursor: string | null; count: object } };
  };

  it('pages by cursor in scheduled-start order, each visit once, with hasMore and a count', async () => {
    const seen: Item[] = [];
    let cursor: string | null = null;
    const pages: number[] = [];
    do {
      const answer = await list(a.supervisor, { from, to, limit: '3', ...(cursor ? { cursor } : {}) });
      expect(answer.page.count).toEqual({ value: 7, capped: false });
      pages.push(answer.data.length);
      seen.push(...answer.data);
      expect(answer.page.hasMore).toBe(answer.page.nextCursor !== null);
      cursor = answer.page.nextCursor;
    } while (cursor);
    expect(pages).toEqual([3, 3, 1]);
    expect(new Set(seen.map((item) => item.id)).size).toBe(7);
    const keys = seen.map((item) => `${item.scheduledStart}|${item.id}`);
    expect(keys).toEqual([...keys].sort());

    const latestFirst = await list(a.supervisor, { from, to, sort: '-start', limit: '100' });
    expect(latestFirst.data.map((item) => item.id)).toEqual(seen.map((item) => item.id).reverse());
  });

  it('filters: status list, attention, worker, client, unassigned, open exceptions, refused doses', async () => {
    const today = { from: hoursFromNow(-12).toISOString(), to: hoursFromNow(12).toISOString() };
    const idsOf = async (query: Record<string, string>) =>
      (await list(a.supervisor, query)).data.map((item) => item.id);
    expect(await idsOf({ ...today, attention: 'LATE' })).toEqual([ids.late]);
    expect(await idsOf({ ...today, attention: 'MISSED' })).toEqual([ids.missed]);
    expect(await idsOf({ ...today, status: 'IN_PROGRESS,COMPLETED' })).toEqual([ids.underWay]);
    expect(await idsOf({ ...today, doses: 'refused' })).toEqual([ids.underWay]);
    expect(await idsOf({ exceptions: 'open' })).toEqual([ids.missed]);
    expect(await idsOf({ from, to, unassigned: 'true' })).toEqual([ids.future2]);
    expect(await idsOf({ from, to, clientId: a.secondClient.id })).toHaveLength(3);
    expect(await idsOf({ from, to, workerId: a.worker.id })).toHaveLength(6);
    const [late] = (await list(a.supervisor, { ...today, attention: 'LATE' })).data;
    expect(late).toMatchObject({ attention: 'LATE', status: 'SCHEDULED', worker: null, openExceptions: 0 });
  });

  it('bad input answers 400 naming the field', async () => {
    const bad = async (query: string, field: string) => {
      const body = expectError(
        await t.app.inject({ method: 'GET', url: `/office/visits?${query}`, headers: admin.headers }),
        400,
        'VALIDATION_ERROR',
      );
      expect(
        body.details?.some((detail) => detail.field.startsWith(field)),
        JSON.stringify(body.details),
      ).toBe(true);
    };
    await bad('status=SCHEDULED', 'querystring.from');
    await bad(`from=${from}&to=${new Date(Date.now() + 500 * DAY).toISOString()}`, 'querystring.to');
    await bad(`from=${from}&to=${to}&status=LOST`, 'querystring.status');
    await bad(`from=${from}&to=${to}&cursor=not-a-cursor`, 'querystring.cursor');
  });

  it("outsiders: another team's supervisor sees none of these visits, workers and clients are refused", async () => {
    const other = await list(b.supervisor, { from, to, clientId: a.client.id });
    expect(other.data).toEqual([]);
    expect((await list(b.supervisor, { from, to })).data).toHaveLength(1);
    for (const user of [a.worker, a.client]) {
      expectError(
        await t.app.inject({ method: 'GET', url: `/office/visits?from=${from}&to=${to}`, headers: user.headers }),
        403,
        'FORBIDDEN',
      );
      const denials = await t.app.deps.db
        .select()
        .from(schema.auditLog)
        .where(and(eq(schema.auditLog.actorId, user.id), eq(schema.auditLog.action, 'PERMISSION_DENIED')));
      expect(denials).toHaveLength(1);
    }
  });

  it('the read is audited with the ids of the visits shown', async () => {
    const answer = await list(admin, { from, to, limit: '2' });
    const [row] = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.actorId, admin.id), eq(schema.auditLog.action, 'PHI_READ')));
    expect(row?.metadata).toMatchObject({ visitIds: answer.data.map((item) => item.id), list: 'office' });
  });

  describe('on a few thousand visits', () => {
    beforeAll(async () => {
      // 4,320 unassigned visits every 20 minutes over 60 days starting 100 days ahead.
      await t.app.deps.db.execute(sql`
        insert into visits (client_id, service_type, status, scheduled_start, scheduled_end)
        select ${a.client.id}::uuid, 'PERSONAL_CARE', 'SCHEDULED', s, s + interval '1 hour'
        from generate_series(now() + interval '100 days', now() + interval '160 days' - interval '1 minute', interval '20 minutes') s`);
      await t.app.deps.db.execute(sql`analyze visits`);
    });

    it('counts stop at 1,000', async () => {
      const answer = await list(admin, {
        from: new Date(Date.now() + 100 * DAY).toISOString(),
        to: new Date(Date.now() + 160 * DAY).toISOString(),
      });
      expect(answer.page.count).toEqual({ value: 1000, capped: true });
      expect(answer.page.hasMore).toBe(true);
    });

    async function plan(statement: SQL | { getSQL(): SQL }): Promise<string> {
      const result = (await t.app.deps.db.execute(sql`explain ${statement}`)) as unknown as {
        rows: Array<{ 'QUERY PLAN': string }>;
      };
      return result.rows.map((row) => row['QUERY PLAN']).join('\n');
    }

    it('a page is read from visits_start_idx between the two bounds (and from the cursor on), not from the first visit ever', async () => {
      if (t.engine !== 'postgres') return;
      const actor = { id: admin.id, role: admin.role, sessionId: 'explain' };
      const range = {
        from: new Date(Date.now() + 120 * DAY).toISOString(),
        to: new Date(Date.now() + 127 * DAY).toISOString(),
      };
      const where = officeConditions(actor, range, new Date(), 15);
      const explained = await plan(officeVisitPage(t.app.deps.db, where, { sort: 'start', limit: 50, after: null }));
      expect(explained).toMatch(/Index Scan( Backward)? using visits_start_idx on visits/);
      expect(explained).toMatch(/Index Cond: \(\(scheduled_start >= .+\) AND \(scheduled_start < .+\)\)/);
      expect(explained).not.toMatch(/Seq Scan on visits\b/);
      // A later page seeks to its cursor: visits_start_idx starts with (scheduled_start, id), so the
      // row comparison itself is an index condition (many visits share a start time); the index's
      // later columns (the report's) may add `deleted_at is null` to it.
      const cursor = { start: new Date(Date.now() + 124 * DAY), id: '00000000-0000-4000-8000-000000000000' };
      const later = await plan(officeVisitPage(t.app.deps.db, where, { sort: 'start', limit: 50, after: cursor }));
      expect(later).toMatch(/Index Cond: \(.*scheduled_start >= .+ AND \(ROW\(scheduled_start, id\) > ROW\(.+\)\)/);
    });

    it('GET /visits with a date range bounds scheduled_start on both sides too (issue 14)', async () => {
      if (t.engine !== 'postgres') return;
      const actor = { id: admin.id, role: admin.role, sessionId: 'explain' };
      const { page, count } = visibleVisitsQueries(t.app.deps.db, actor, {
        page: 1,
        limit: 50,
        dateFrom: new Date(Date.now() + 120 * DAY).toISOString(),
        dateTo: new Date(Date.now() + 127 * DAY).toISOString(),
        includeCompleted: true,
      });
      for (const statement of [page, count]) {
        const explained = await plan(statement);
        expect(explained).toMatch(/Index Cond: \(\(scheduled_start > .+\) AND \(scheduled_start < .+\)\)/);
        expect(explained).not.toMatch(/Seq Scan on visits\b/);
      }
    });
  });
});
