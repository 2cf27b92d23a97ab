import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPdf } from '../src/modules/reports/documents';
import { startApp, type TestApp } from './helpers/app';
import { createTeam, createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';
import { insertBudget, pdfPages } from './helpers/report-factories';
import { insertVisit } from './helpers/visits';

const at = (iso: string) => new Date(`${iso}Z`);
const PERIOD = 'from=2019-05-06&to=2019-05-12';

/** Who may read which report, and what a filter naming someone outside the caller's reach answers. */
describe('reports: access by role', () => {
  let t: TestApp;
  let mine: Awaited<ReturnType<typeof createTeam>>;
  let other: Awaited<ReturnType<typeof createTeam>>;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startApp();
    [mine, other] = [await createTeam(t.app), await createTeam(t.app)];
    admin = await createUser(t.app, { role: 'ADMIN' });
    for (const team of [mine, other]) {
      await insertVisit(t.app, {
        client: team.client,
        worker: team.worker,
        start: at('2019-05-06T09:00:00'),
        end: at('2019-05-06T10:00:00'),
        status: 'COMPLETED',
        checkInAt: at('2019-05-06T09:00:00'),
        checkInLat: 45.5,
        checkInLng: -122.6,
        actualStart: at('2019-05-06T09:00:00'),
        actualEnd: at('2019-05-06T10:00:00'),
      });
      await insertBudget(t.app, {
        clientId: team.client.id,
        periodStart: '2019-05-01',
        periodEnd: '2019-05-31',
        totalCents: 50_000,
        allocations: {},
      });
    }
  });
  afterAll(() => t.close());

  const get = (user: TestUser | null, url: string) =>
    t.app.inject({ method: 'GET', url, headers: user ? user.headers : {} });
  const visitsOf = async (user: TestUser, query = '') => {
    const response = await get(user, `/reports/visits?${PERIOD}${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().data;
  };
  const deniedFor = (actorId: string) =>
    t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, 'PERMISSION_DENIED'), eq(schema.auditLog.actorId, actorId)));

  it('every report and the export need a signed-in caller', async () => {
    for (const url of [
      `/reports/visits?${PERIOD}`,
      '/reports/budgets',
      `/reports/timesheets?${PERIOD}`,
      `/exports/evv?${PERIOD}`,
    ]) {
      expectError(await get(null, url), 401, 'UNAUTHORIZED');
    }
  });

  it('a supervisor counts only their team; another team’s client or worker as a filter is a 404, logged', async () => {
    expect((await visitsOf(mine.supervisor)).total.visits).toBe(1);
    expect((await visitsOf(mine.supervisor, `&workerId=${mine.worker.id}`)).total.visits).toBe(1);
    expectError(await get(mine.supervisor, `/reports/visits?${PERIOD}&clientId=${other.client.id}`), 404, 'NOT_FOUND');
    expectError(await get(mine.supervisor, `/reports/visits?${PERIOD}&workerId=${other.worker.id}`), 404, 'NOT_FOUND');
    expectError(await get(mine.supervisor, `/reports/budgets?clientId=${other.client.id}`), 404, 'NOT_FOUND');
    expectError(
      await get(mine.supervisor, `/reports/timesheets?${PERIOD}&workerId=${other.worker.id}`),
      404,
      'NOT_FOUND',
    );
    expect((await deniedFor(mine.supervisor.id)).length).toBeGreaterThanOrEqual(4);

    const budgets = (await get(mine.supervisor, '/reports/budgets?asOf=2019-05-10')).json().data;
    expect(budgets.budgets.map((b: { clientId: string }) => b.clientId)).toEqual([mine.client.id]);
    const sheets = (await get(mine.supervisor, `/reports/timesheets?${PERIOD}`)).json().data;
    expect(sheets.workers.map((w: { workerId: string }) => w.workerId)).toEqual([mine.worker.id]);
    const evv = (await get(mine.supervisor, `/exports/evv?${PERIOD}`)).json().data;
    expect(evv.records.map((r: { client: { id: string } }) => r.client.id)).toEqual([mine.client.id]);
  });

  it('a client sees only their own visit and budget reports; no timesheets, no EVV export', async () => {
    const own = await visitsOf(mine.client);
    expect(own).toMatchObject({ clientId: mine.client.id, total: { visits: 1 } });
    expectError(await get(mine.client, `/reports/visits?${PERIOD}&clientId=${other.client.id}`), 404, 'NOT_FOUND');
    expectError(await get(mine.client, `/reports/visits?${PERIOD}&workerId=${mine.worker.id}`), 404, 'NOT_FOUND');
    const budgets = (await get(mine.client, '/reports/budgets?asOf=2019-05-10')).json().data;
    expect(budgets.budgets.map((b: { clientId: string }) => b.clientId)).toEqual([mine.client.id]);
    expectError(await get(mine.client, `/reports/budgets?clientId=${other.client.id}`), 404, 'NOT_FOUND');
    expectError(await get(mine.client, `/reports/timesheets?${PERIOD}`), 403, 'FORBIDDEN');
    expectError(await get(mine.client, `/exports/evv?${PERIOD}`), 403, 'FORBIDDEN');
  });

  it('a worker sees their own visit report and timesheet only; no budgets, no EVV export', async () => {
    expect(await visitsOf(mine.worker)).toMatchObject({ workerId: mine.worker.id, total: { visits: 1 } });
    expectError(await get(mine.worker, `/reports/visits?${PERIOD}&workerId=${other.worker.id}`), 404, 'NOT_FOUND');
    expectError(await get(mine.worker, `/reports/visits?${PERIOD}&clientId=${other.client.id}`), 404, 'NOT_FOUND');
    expect((await visitsOf(mine.worker, `&clientId=${mine.client.id}`)).total.visits).toBe(1);
    const sheet = (await get(mine.worker, `/reports/timesheets?${PERIOD}`)).json().data;
    expect(sheet.workers.map((w: { workerId: string }) => w.workerId)).toEqual([mine.worker.id]);
    expectError(await get(mine.worker, `/reports/timesheets?${PERIOD}&workerId=${other.worker.id}`), 404, 'NOT_FOUND');
    expectError(await get(mine.worker, '/reports/budgets'), 403, 'FORBIDDEN');
    expectError(await get(mine.worker, `/exports/evv?${PERIOD}`), 403, 'FORBIDDEN');
  });

  it('an admin reads everyone; an unknown client id is still a 404', async () => {
    expect((await visitsOf(admin, `&clientId=${other.client.id}`)).total.visits).toBe(1);
    expectError(
      await get(admin, `/reports/visits?${PERIOD}&clientId=00000000-0000-4000-8000-000000000000`),
      404,
      'NOT_FOUND',
    );
  });

  it('bad periods and formats are 400 naming the field', async () => {
    const backwards = expectError(
      await get(admin, '/reports/visits?from=2019-05-10&to=2019-05-01'),
      400,
      'VALIDATION_ERROR',
    );
    expect(backwards.details?.map((d) => d.field)).toContain('querystring.to');
    expectError(await get(admin, `/reports/visits?${PERIOD}&timeZone=Mars/Olympus`), 400, 'VALIDATION_ERROR');
    expectError(await get(admin, `/exports/evv?${PERIOD}&format=pdf`), 400, 'VALIDATION_ERROR');
    expectError(await get(admin, '/reports/timesheets?from=2019-01-01&to=2022-01-01'), 400, 'VALIDATION_ERROR');
  });

  it('a long table paginates with the header on every page and "Page n of m"', async () => {
    const rows = Array.from({ length: 70 }, (_, i) => ({ name: `Row ${i + 1}`, value: i + 1 }));
    const pdf = await toPdf(
      {
        title: 'Long report',
        period: '2019-05-01 to 2019-05-31',
        columns: [
          { key: 'name', header: 'Name' },
          { key: 'value', header: 'Value', align: 'right' },
        ],
        rows,
        totals: { name: 'Total', value: 2485 },
      },
      new Date('2019-06-01T00:00:00Z'),
    );
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((text, i) => {
      expect(text).toMatch(/Name\s+Value/);
      expect(text).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    expect(pages.at(-1)).toMatch(/Total\s+2485/);
    expect(pages.join(' ')).toContain('Row 70');
  });
});
