import { schema } from '@caretracker/database';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { assignToCareTeam, createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';
import { createSchedulingTeam, insertVisit, type SchedulingTeam, slot } from './helpers/visits';

const EVERY_DAY = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
const always = EVERY_DAY.map((day) => ({ day, start: '00:00', end: '24:00' }));

describe('GET /workers/available: free, skilled, available, nearest first', () => {
  let t: TestApp;
  let team: SchedulingTeam;
  let admin: TestUser;
  const w: Record<string, TestUser> = {};
  const s = slot(3, 15);
  beforeAll(async () => {
    t = await startApp();
    team = await createSchedulingTeam(t.app);
    admin = await createUser(t.app, { role: 'ADMIN' });
    const worker = (name: string, profile: Partial<typeof schema.profiles.$inferInsert>, isActive = true) =>
      createUser(t.app, { role: 'WORKER', supervisorId: team.supervisor.id, lastName: name, isActive, profile });
    const skilled = { skills: ['Dementia Care'], availability: always, timezone: 'UTC' };
    w.far = await worker('Far', { ...skilled, homeLat: 45.7, homeLng: -122.9 });
    w.noHome = await worker('Nohome', skilled);
    w.unskilled = await worker('Unskilled', { ...skilled, skills: ['Cooking'], homeLat: 45.5, homeLng: -122.6 });
    w.offDuty = await worker('Offduty', {
      ...skilled,
      homeLat: 45.5,
      homeLng: -122.6,
      availability: EVERY_DAY.map((day) => ({ day, start: '00:00', end: '01:00' })),
    });
    w.busy = await worker('Busy', { ...skilled, homeLat: 45.5, homeLng: -122.6 });
    w.inactive = await worker('Inactive', { ...skilled, homeLat: 45.5, homeLng: -122.6 }, false);
    w.newYork = await worker('Newyork', {
      ...skilled,
      timezone: 'America/New_York',
      homeLat: 45.8,
      homeLng: -123,
      availability: EVERY_DAY.map((day) => ({ day, start: '09:00', end: '13:00' })),
    });
    w.split = await worker('Split', {
      ...skilled,
      homeLat: 45.9,
      homeLng: -123.1,
      availability: EVERY_DAY.flatMap((day) => [
        { day, start: '00:00', end: '15:30' },
        { day, start: '15:30', end: '24:00' },
      ]),
    });
    await assignToCareTeam(t.app, team.client.id, w.far.id, 'BACKUP');
    await insertVisit(t.app, {
      client: team.client,
      worker: w.busy,
      start: new Date(Date.parse(s.scheduledStart) + 30 * 60_000),
      end: new Date(Date.parse(s.scheduledEnd) + 30 * 60_000),
    });
  });
  afterAll(() => t.close());

  const available = (user: TestUser, from = s.scheduledStart, to = s.scheduledEnd, clientId = team.client.id) =>
    t.app.inject({
      method: 'GET',
      url: `/workers/available?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&clientId=${clientId}`,
      headers: user.headers,
    });

  it('lists the team’s free workers with the required skills and covering availability, nearest first', async () => {
    const response = await available(team.supervisor);
    expect(response.statusCode, response.body).toBe(200);
    const list = response.json().data as Array<{ id: string; distanceMeters: number | null; onCareTeam: boolean }>;
    expect(list.map((worker) => worker.id)).toEqual([
      team.worker.id,
      w.far!.id,
      w.newYork!.id,
      w.split!.id,
      w.noHome!.id,
    ]);
    expect(list[0]).toMatchObject({ onCareTeam: true, careTeamRole: 'PRIMARY' });
    expect(list[0]!.distanceMeters).toBeGreaterThan(1000);
    expect(list[0]!.distanceMeters).toBeLessThan(1200);
    expect(list[1]).toMatchObject({ onCareTeam: true, careTeamRole: 'BACKUP' });
    expect(list[4]).toMatchObject({ distanceMeters: null, onCareTeam: false, careTeamRole: null });
  });

  it('reads weekly availability in the worker’s own time zone', async () => {
    // 15:00 UTC is 10:00 or 11:00 in New York (inside 09:00–13:00); 19:00 UTC is 14:00 or 15:00 (outside).
    const inside = slot(3, 15);
    const outside = slot(3, 19);
    const ids = async (range: { scheduledStart: string; scheduledEnd: string }) =>
      (
        (await available(team.supervisor, range.scheduledStart, range.scheduledEnd)).json().data as Array<{
          id: string;
        }>
      ).map((worker) => worker.id);
    expect(await ids(inside)).toContain(w.newYork!.id);
    expect(await ids(outside)).not.toContain(w.newYork!.id);
  });

  it('admins see every team’s workers; other roles are refused; an outside supervisor gets 404', async () => {
    const other = await createSchedulingTeam(t.app);
    const asAdmin = (await available(admin)).json().data as Array<{ id: string }>;
    expect(asAdmin.map((worker) => worker.id)).toEqual(expect.arrayContaining([team.worker.id, other.worker.id]));
    const asSupervisor = (await available(team.supervisor)).json().data as Array<{ id: string }>;
    expect(asSupervisor.map((worker) => worker.id)).not.toContain(other.worker.id);
    expectError(await available(team.worker), 403, 'FORBIDDEN');
    expectError(await available(team.client), 403, 'FORBIDDEN');
    expectError(await available(other.supervisor), 404, 'NOT_FOUND');
    expectError(await available(team.supervisor, s.scheduledEnd, s.scheduledStart), 400, 'VALIDATION_ERROR');
  });

  it('a care plan without required skills lets any free, available worker through', async () => {
    await t.app.deps.db
      .update(schema.carePlans)
      .set({ requiredSkills: [] })
      .where(eq(schema.carePlans.id, team.plan.id));
    const list = (await available(team.supervisor)).json().data as Array<{ id: string }>;
    expect(list.map((worker) => worker.id)).toContain(w.unskilled!.id);
    expect(list.map((worker) => worker.id)).not.toContain(w.busy!.id);
  });
});
