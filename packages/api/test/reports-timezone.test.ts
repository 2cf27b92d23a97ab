import { dateInZone } from '@caretracker/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createTeam, createUser, type TestUser } from './helpers/factories';
import { insertVisit } from './helpers/visits';

/**
 * Report days are the agency's (AGENCY_TIMEZONE, by default America/Los_Angeles), not UTC's: a
 * visit at 23:30 on 10 June in Los Angeles is 06:30 on 11 June in UTC and belongs to 10 June.
 */
describe("reports and the EVV export cut days in the agency's time zone", () => {
  let t: TestApp;
  let team: Awaited<ReturnType<typeof createTeam>>;
  let admin: TestUser;
  let visitId: string;
  const lateEvening = new Date('2019-06-11T06:30:00Z'); // 23:30 PDT on 2019-06-10
  beforeAll(async () => {
    t = await startApp();
    team = await createTeam(t.app);
    admin = await createUser(t.app, { role: 'ADMIN' });
    const end = new Date(lateEvening.getTime() + 3_600_000);
    visitId = (
      await insertVisit(t.app, {
        client: team.client,
        worker: team.worker,
        start: lateEvening,
        end,
        status: 'COMPLETED',
        checkInAt: lateEvening,
        checkInLat: 45.5,
        checkInLng: -122.6,
        checkOutAt: end,
        checkOutLat: 45.5,
        checkOutLng: -122.6,
        actualStart: lateEvening,
        actualEnd: end,
      })
    ).id;
  });
  afterAll(() => t.close());

  const get = async (user: TestUser, url: string) => {
    const response = await t.app.inject({ method: 'GET', url, headers: user.headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().data;
  };
  const mine = () => `clientId=${team.client.id}`;

  it('visit report: the 23:30 visit is counted on 10 June, not 11 June', async () => {
    const tenth = await get(team.supervisor, `/reports/visits?from=2019-06-10&to=2019-06-10&${mine()}`);
    expect(tenth.timeZone).toBe('America/Los_Angeles');
    expect(tenth.total.visits).toBe(1);
    expect(tenth.groups.map((group: { period: string }) => group.period)).toEqual(['2019-06-10']);
    const eleventh = await get(team.supervisor, `/reports/visits?from=2019-06-11&to=2019-06-11&${mine()}`);
    expect(eleventh.total.visits).toBe(0);
    // A zone the caller names still wins.
    const utc = await get(team.supervisor, `/reports/visits?from=2019-06-11&to=2019-06-11&${mine()}&timeZone=UTC`);
    expect(utc.total.visits).toBe(1);
  });

  it("outsiders: another team's supervisor neither counts the visit nor filters by its client", async () => {
    const other = await createTeam(t.app);
    const theirs = await get(other.supervisor, '/reports/visits?from=2019-06-10&to=2019-06-10');
    expect(theirs.total.visits).toBe(0);
    const refused = await t.app.inject({
      method: 'GET',
      url: `/reports/visits?from=2019-06-10&to=2019-06-10&${mine()}`,
      headers: other.supervisor.headers,
    });
    expect(refused.statusCode).toBe(404);
    const evv = await get(other.supervisor, '/exports/evv?from=2019-06-10&to=2019-06-10');
    expect(evv.records).toEqual([]);
  });

  it('timesheets: the hour is worked on 10 June', async () => {
    const sheet = await get(team.worker, '/reports/timesheets?from=2019-06-10&to=2019-06-11');
    expect(sheet.timeZone).toBe('America/Los_Angeles');
    expect(sheet.workers[0].days).toEqual([{ date: '2019-06-10', visits: 1, minutes: 60, hours: 1 }]);
  });

  it('EVV export: a period of 10 June holds the visit, one of 11 June does not', async () => {
    const tenth = await get(admin, '/exports/evv?from=2019-06-10&to=2019-06-10');
    expect(tenth.records.map((record: { visitId: string }) => record.visitId)).toContain(visitId);
    const eleventh = await get(admin, '/exports/evv?from=2019-06-11&to=2019-06-11');
    expect(eleventh.records.map((record: { visitId: string }) => record.visitId)).not.toContain(visitId);
  });
});

describe("the budget report's default date is the agency's today", () => {
  let t: TestApp;
  let admin: TestUser;
  // A zone whose date differs from UTC's right now (UTC+14 late in the UTC day, UTC-12 early in it).
  const zone = new Date().getUTCHours() >= 10 ? 'Etc/GMT-14' : 'Etc/GMT+12';
  beforeAll(async () => {
    t = await startApp({ config: { AGENCY_TIMEZONE: zone } });
    admin = await createUser(t.app, { role: 'ADMIN' });
  });
  afterAll(() => t.close());

  it('asOf defaults to the date in AGENCY_TIMEZONE', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/reports/budgets', headers: admin.headers });
    expect(response.statusCode, response.body).toBe(200);
    const expected = dateInZone(new Date(), zone);
    expect(expected).not.toBe(new Date().toISOString().slice(0, 10));
    expect(response.json().data.asOf).toBe(expected);
  });
});
