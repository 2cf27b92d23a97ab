import { schema } from '@caretracker/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findVisitDetail, findVisits, visitHistory } from '../src/modules/visits/queries';
import { engines, startApp, type TestApp } from './helpers/app';
import { createSchedulingTeam, insertVisit, type SchedulingTeam, slot } from './helpers/visits';

/** `GET /visits/:id` reads the visit and its lists in one statement: the same rows as reading them apart. */
describe.each(engines())('the visit detail statement on %s', (engine) => {
  let t: TestApp;
  let team: SchedulingTeam;
  beforeAll(async () => {
    t = await startApp({ engine });
    team = await createSchedulingTeam(t.app);
  });
  afterAll(() => t.close());

  it('returns the visit, exceptions, doses and amendments exactly as the separate queries do', async () => {
    const s = slot(-2, 9);
    const visit = await insertVisit(t.app, {
      client: team.client,
      worker: team.worker,
      start: s.scheduledStart,
      end: s.scheduledEnd,
      status: 'COMPLETED',
      checkInAt: new Date(s.scheduledStart),
      checkOutAt: new Date(s.scheduledEnd),
    });
    const { db } = t.app.deps;
    await db.insert(schema.evvExceptions).values([
      { visitId: visit.id, type: 'CHECKIN_OUTSIDE_GEOFENCE', detail: { distanceM: 900, geofenceM: 150 } },
      {
        visitId: visit.id,
        type: 'LATE_CHECKIN',
        status: 'RESOLVED',
        reasonCode: 'TRAFFIC',
        resolvedAt: new Date(),
        resolvedBy: team.supervisor.id,
      },
    ]);
    const [medication] = await db
      .insert(schema.carePlanMedications)
      .values({ carePlanId: team.plan.id, name: 'Metformin', dose: '500 mg', route: 'ORAL', times: ['09:30'] })
      .returning();
    await db.insert(schema.medicationAdministrations).values([
      {
        visitId: visit.id,
        medicationId: medication!.id,
        scheduledFor: new Date(Date.parse(s.scheduledStart) + 30 * 60_000),
        outcome: 'REFUSED',
        reason: 'Felt nauseous',
        recordedBy: team.worker.id,
      },
      {
        visitId: visit.id,
        medicationId: medication!.id,
        outcome: 'GIVEN',
        prnReason: 'pain',
        recordedBy: team.worker.id,
      },
    ]);
    await db.insert(schema.visitAmendments).values({
      visitId: visit.id,
      field: 'actualEnd',
      oldValue: { at: s.scheduledEnd },
      newValue: { at: s.scheduledStart, nested: [1, 'two'] },
      reasonCode: 'FORGOT_CHECKOUT',
      changedBy: team.supervisor.id,
    });

    const found = await findVisitDetail(db, visit.id, { id: team.worker.id, role: 'WORKER', sessionId: 'x' });
    expect(found).not.toBeNull();
    expect(found!.history).toEqual(await visitHistory(db, visit.id));
    expect(found!.history.exceptions).toHaveLength(2);
    expect(found!.history.administrations).toHaveLength(2);
    expect(found!.history.amendments).toHaveLength(1);
    expect(found!.record).toEqual((await findVisits(db, [visit.id]))[0]);

    // Someone else's worker does not see it.
    const other = await findVisitDetail(db, visit.id, { id: team.client.id, role: 'WORKER', sessionId: 'x' });
    expect(other).toBeNull();
  });
});
