import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listVisibleVisits, visibleVisitsQueries } from '../src/modules/visits/queries';
import { engines, startApp, type TestApp } from './helpers/app';
import { createSchedulingTeam, insertVisit, type SchedulingTeam, slot } from './helpers/visits';

/** A worker's day is read by a prepared statement: the same rows as the general list query. */
describe.each(engines())("the worker's day statement on %s", (engine) => {
  let t: TestApp;
  let team: SchedulingTeam;
  beforeAll(async () => {
    t = await startApp({ engine });
    team = await createSchedulingTeam(t.app);
  });
  afterAll(() => t.close());

  it('returns the visits overlapping the range, in order, as the general query does', async () => {
    for (const hour of [8, 11, 14]) {
      const s = slot(1, hour);
      await insertVisit(t.app, {
        client: team.client,
        worker: team.worker,
        start: s.scheduledStart,
        end: s.scheduledEnd,
      });
    }
    // Starts the evening before and runs past midnight: overlaps the day.
    const late = slot(0, 23, 120);
    await insertVisit(t.app, {
      client: team.client,
      worker: team.worker,
      start: late.scheduledStart,
      end: late.scheduledEnd,
    });
    const day = new Date(slot(1, 0).scheduledStart);
    const filter = {
      page: 1,
      limit: 100,
      dateFrom: day.toISOString(),
      dateTo: new Date(day.getTime() + 86_400_000).toISOString(),
      includeCompleted: true,
    };
    const actor = { id: team.worker.id, role: 'WORKER' as const, sessionId: 'x' };
    const general = await visibleVisitsQueries(t.app.deps.db, actor, filter).page;
    for (let i = 0; i < 2; i++) {
      const { rows, total } = await listVisibleVisits(t.app.deps.db, actor, filter);
      expect(rows).toEqual(general);
      expect(rows).toHaveLength(4);
      expect(total).toBe(4);
    }
    // Another worker's day holds none of them.
    const other = { id: team.supervisor.id, role: 'WORKER' as const, sessionId: 'x' };
    expect((await listVisibleVisits(t.app.deps.db, other, filter)).rows).toEqual([]);
  });
});
