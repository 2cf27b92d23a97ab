import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Engine, engines, startApp, type TestApp } from './helpers/app';
import { createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';
import { createSchedulingTeam, insertVisit, type SchedulingTeam, slot } from './helpers/visits';

describe.each(engines().map((engine) => ({ engine })))(
  'no double booking on $engine',
  ({ engine }: { engine: Engine }) => {
    let t: TestApp;
    let team: SchedulingTeam;
    let admin: TestUser;
    beforeAll(async () => {
      t = await startApp({ engine });
      team = await createSchedulingTeam(t.app);
      admin = await createUser(t.app, { role: 'ADMIN' });
    });
    afterAll(() => t.close());

    const book = (body: object) =>
      t.app.inject({ method: 'POST', url: '/visits', headers: team.supervisor.headers, payload: body });

    it('an overlapping booking is 409 naming the clashing visit; touching ends do not clash', async () => {
      const first = await book({ clientId: team.client.id, workerId: team.worker.id, ...slot(3, 9, 120) });
      expect(first.statusCode, first.body).toBe(201);
      const existing = first.json().data;
      const clash = expectError(
        await book({ clientId: team.client.id, workerId: team.worker.id, ...slot(3, 10) }),
        409,
        'CONFLICT',
      );
      expect(clash.details).toEqual({
        clashingVisitId: existing.id,
        scheduledStart: existing.scheduledStart,
        scheduledEnd: existing.scheduledEnd,
        client: { id: team.client.id, firstName: team.client.firstName, lastName: team.client.lastName },
      });
      const after = await book({ clientId: team.client.id, workerId: team.worker.id, ...slot(3, 11) });
      expect(after.statusCode, after.body).toBe(201);
    });

    it('the database itself refuses an overlap written around the service (exclusion constraint)', async () => {
      const s = slot(4, 9);
      await insertVisit(t.app, {
        client: team.client,
        worker: team.worker,
        start: s.scheduledStart,
        end: s.scheduledEnd,
      });
      await expect(
        insertVisit(t.app, { client: team.client, worker: team.worker, start: s.scheduledStart, end: s.scheduledEnd }),
      ).rejects.toThrow();
      // A cancelled visit frees its time.
      const c = slot(4, 14);
      await insertVisit(t.app, {
        client: team.client,
        worker: team.worker,
        start: c.scheduledStart,
        end: c.scheduledEnd,
        status: 'CANCELLED',
        cancellationReason: 'ill',
      });
      const rebook = await book({ clientId: team.client.id, workerId: team.worker.id, ...c });
      expect(rebook.statusCode, rebook.body).toBe(201);
    });

    it('two concurrent bookings of the same worker slot: exactly one wins, the other is 409', async () => {
      const s = slot(5, 9);
      const other = await createUser(t.app, {
        role: 'CLIENT',
        supervisorId: team.supervisor.id,
        profile: { homeLat: 45.52, homeLng: -122.61 },
      });
      const responses = await Promise.all([
        book({ clientId: team.client.id, workerId: team.worker.id, ...s }),
        t.app.inject({
          method: 'POST',
          url: '/visits',
          headers: admin.headers,
          payload: { clientId: other.id, workerId: team.worker.id, ...s },
        }),
      ]);
      const statuses = responses.map((response) => response.statusCode).sort();
      expect(statuses, responses.map((response) => response.body).join('\n')).toEqual([201, 409]);
      const winner = responses.find((response) => response.statusCode === 201)?.json().data;
      const loser = responses.find((response) => response.statusCode === 409)?.json();
      expect(loser.details.clashingVisitId).toBe(winner.id);
      const listed = await t.app.inject({
        method: 'GET',
        url: `/visits?workerId=${team.worker.id}&dateFrom=${s.scheduledStart}&dateTo=${s.scheduledEnd}`,
        headers: admin.headers,
      });
      expect(listed.json().data).toHaveLength(1);
    });
  },
);
