import { schema } from '@caretracker/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { expectError } from './helpers/http';
import { createSchedulingTeam, insertVisit, type SchedulingTeam, slot } from './helpers/visits';

describe('GET /visits/:id: the visit with its EVV exceptions and doses, shaped per role', () => {
  let t: TestApp;
  let team: SchedulingTeam;
  beforeAll(async () => {
    t = await startApp();
    team = await createSchedulingTeam(t.app);
  });
  afterAll(() => t.close());

  it('lists the EVV exceptions and medication administrations recorded on the visit', async () => {
    const s = slot(-1, 9);
    const visit = await insertVisit(t.app, {
      client: team.client,
      worker: team.worker,
      start: s.scheduledStart,
      end: s.scheduledEnd,
      status: 'COMPLETED',
      checkInAt: new Date(s.scheduledStart),
      checkInLat: 45.6,
      checkInLng: -122.6,
      checkInAccuracyM: 12,
      checkInDistanceM: 11_000,
      checkOutAt: new Date(s.scheduledEnd),
    });
    const { db } = t.app.deps;
    await db.insert(schema.evvExceptions).values({
      visitId: visit.id,
      type: 'CHECKIN_OUTSIDE_GEOFENCE',
      detail: { distanceM: 11_000, geofenceM: 150 },
    });
    const [medication] = await db
      .insert(schema.carePlanMedications)
      .values({ carePlanId: team.plan.id, name: 'Metformin', dose: '500 mg', route: 'ORAL', times: ['09:30'] })
      .returning();
    await db.insert(schema.medicationAdministrations).values({
      visitId: visit.id,
      medicationId: medication!.id,
      scheduledFor: new Date(Date.parse(s.scheduledStart) + 30 * 60_000),
      outcome: 'REFUSED',
      reason: 'Felt nauseous',
      recordedBy: team.worker.id,
    });

    const response = await t.app.inject({ method: 'GET', url: `/visits/${visit.id}`, headers: team.client.headers });
    expect(response.statusCode, response.body).toBe(200);
    const detail = response.json().data;
    expect(detail.checkIn).toMatchObject({ lat: 45.6, lng: -122.6, accuracyM: 12, distanceM: 11_000 });
    expect(detail.evvExceptions).toEqual([
      expect.objectContaining({ type: 'CHECKIN_OUTSIDE_GEOFENCE', status: 'OPEN', reasonCode: null }),
    ]);
    expect(detail.medicationAdministrations).toEqual([
      expect.objectContaining({
        medicationName: 'Metformin',
        dose: '500 mg',
        outcome: 'REFUSED',
        reason: 'Felt nauseous',
      }),
    ]);
    expect(detail).not.toHaveProperty('privateNotes');
    expect(detail).not.toHaveProperty('costCents');
  });

  it('an unknown or malformed id: 404 and 400 naming the parameter', async () => {
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/visits/00000000-0000-4000-8000-000000000000',
      headers: team.supervisor.headers,
    });
    expectError(unknown, 404, 'NOT_FOUND');
    const malformed = expectError(
      await t.app.inject({ method: 'GET', url: '/visits/not-a-uuid', headers: team.supervisor.headers }),
      400,
      'VALIDATION_ERROR',
    );
    expect(malformed.details?.[0]?.field).toBe('params.id');
  });

  it('no-show takes an optional reason: no body at all is fine', async () => {
    const s = slot(-2, 9);
    const visit = await insertVisit(t.app, {
      client: team.client,
      worker: team.worker,
      start: s.scheduledStart,
      end: s.scheduledEnd,
    });
    const response = await t.app.inject({
      method: 'POST',
      url: `/visits/${visit.id}/no-show`,
      headers: team.supervisor.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().data.status).toBe('NO_SHOW');
  });
});
