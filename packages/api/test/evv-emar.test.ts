import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createActivePlan, createVisitRow, localClock } from './helpers/care-factories';
import { createTeam, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';

const HOME = { lat: 45.5, lng: -122.6, accuracyM: 10 };
const MINUTE = 60_000;
const toMinute = (date: Date) => new Date(Math.floor(date.getTime() / MINUTE) * MINUTE).toISOString();

describe('eMAR: due doses and records', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  const post = (user: TestUser, url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: user.headers, payload });
  const get = (user: TestUser, url: string) => t.app.inject({ method: 'GET', url, headers: user.headers });
  const recordsOf = (visitId: string) =>
    t.app.deps.db
      .select()
      .from(schema.medicationAdministrations)
      .where(eq(schema.medicationAdministrations.visitId, visitId));

  /**
   * A visit from 2 minutes ago to 58 minutes ahead, with a scheduled medication due in 20 minutes,
   * one due three hours from now (outside the window) and an as-needed one. Checked in unless asked.
   */
  async function visitWithMeds(options: { checkedIn?: boolean } = {}) {
    const team = await createTeam(t.app);
    const dueAt = new Date(Date.now() + 20 * MINUTE);
    const { plan, medications } = await createActivePlan(t.app, {
      clientId: team.client.id,
      medications: [
        { name: 'Metformin', dose: '500 mg', times: [localClock(dueAt)] },
        { name: 'Atorvastatin', dose: '20 mg', times: [localClock(new Date(Date.now() + 180 * MINUTE))] },
        { name: 'Paracetamol', dose: '1 g', prn: true, prnIndication: 'pain above 4/10' },
      ],
    });
    const visit = await createVisitRow(t.app, {
      clientId: team.client.id,
      workerId: team.worker.id,
      start: new Date(Date.now() - 2 * MINUTE),
      carePlanId: plan.id,
    });
    if (options.checkedIn !== false) {
      expect((await post(team.worker, `/visits/${visit.id}/checkin`, HOME)).statusCode).toBe(200);
    }
    const [scheduled, later, prn] = medications as [
      (typeof medications)[0],
      (typeof medications)[0],
      (typeof medications)[0],
    ];
    return { ...team, visit, scheduled, later, prn, scheduledFor: toMinute(dueAt) };
  }

  it('lists the doses due in the visit window, the as-needed medications and the records', async () => {
    const { worker, visit, scheduled, prn, scheduledFor } = await visitWithMeds();
    const response = await get(worker, `/visits/${visit.id}/medications`);
    expect(response.statusCode, response.body).toBe(200);
    const data = response.json().data;
    expect(data.timeZone).toBe('America/Los_Angeles');
    expect(data.due).toEqual([
      {
        medicationId: scheduled.id,
        name: 'Metformin',
        dose: '500 mg',
        route: 'ORAL',
        instructions: null,
        scheduledFor,
        record: null,
      },
    ]);
    expect(data.prn).toEqual([
      {
        medicationId: prn.id,
        name: 'Paracetamol',
        dose: '1 g',
        route: 'ORAL',
        instructions: null,
        prnIndication: 'pain above 4/10',
      },
    ]);
    expect(data.records).toEqual([]);

    await post(worker, `/visits/${visit.id}/medications`, {
      medicationId: scheduled.id,
      scheduledFor,
      outcome: 'GIVEN',
    });
    const after = (await get(worker, `/visits/${visit.id}/medications`)).json().data;
    expect(after.due[0].record).toMatchObject({ outcome: 'GIVEN', recordedBy: worker.id, scheduledFor });
    expect(after.records).toHaveLength(1);
  });

  it('the client reads their own visit’s eMAR but may not record (403)', async () => {
    const { client, visit, scheduled, scheduledFor } = await visitWithMeds();
    expect((await get(client, `/visits/${visit.id}/medications`)).statusCode).toBe(200);
    expectError(
      await post(client, `/visits/${visit.id}/medications`, {
        medicationId: scheduled.id,
        scheduledFor,
        outcome: 'GIVEN',
      }),
      403,
      'FORBIDDEN',
    );
    expect(await recordsOf(visit.id)).toEqual([]);
  });

  it('a refused dose is recorded with its reason and alerts the supervisor', async () => {
    const { worker, supervisor, visit, scheduled, scheduledFor } = await visitWithMeds();
    const response = await post(worker, `/visits/${visit.id}/medications`, {
      medicationId: scheduled.id,
      scheduledFor,
      outcome: 'REFUSED',
      reason: 'Client says it upsets her stomach',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().data).toMatchObject({ outcome: 'REFUSED', reason: 'Client says it upsets her stomach' });
    const alerts = await t.app.deps.db
      .select()
      .from(schema.notifications)
      .where(and(eq(schema.notifications.userId, supervisor.id), eq(schema.notifications.entityId, visit.id)));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ category: 'MEDICATION_NOT_GIVEN', urgent: true });
  });

  it('a dose not fully given needs a reason (400 naming body.reason)', async () => {
    const { worker, visit, scheduled, scheduledFor } = await visitWithMeds();
    const bad = expectError(
      await post(worker, `/visits/${visit.id}/medications`, {
        medicationId: scheduled.id,
        scheduledFor,
        outcome: 'NOT_GIVEN',
      }),
      400,
      'VALIDATION_ERROR',
    );
    expect(bad.details?.map((d) => d.field)).toEqual(['body.reason']);
  });

  it('an as-needed dose needs prnReason and no due time; with it, it is recorded', async () => {
    const { worker, visit, prn, scheduledFor } = await visitWithMeds();
    const url = `/visits/${visit.id}/medications`;
    const noReason = expectError(
      await post(worker, url, { medicationId: prn.id, outcome: 'GIVEN' }),
      400,
      'VALIDATION_ERROR',
    );
    expect(noReason.details?.map((d) => d.field)).toEqual(['body.prnReason']);
    const withTime = expectError(
      await post(worker, url, { medicationId: prn.id, outcome: 'GIVEN', prnReason: 'Headache', scheduledFor }),
      400,
      'VALIDATION_ERROR',
    );
    expect(withTime.details?.map((d) => d.field)).toEqual(['body.scheduledFor']);
    expect(await recordsOf(visit.id)).toEqual([]);

    const ok = await post(worker, url, {
      medicationId: prn.id,
      outcome: 'GIVEN',
      prnReason: 'Headache 6/10',
      doseGiven: '500 mg',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().data).toMatchObject({ scheduledFor: null, prnReason: 'Headache 6/10', doseGiven: '500 mg' });
    // As-needed doses may be given more than once in a visit.
    expect(
      (await post(worker, url, { medicationId: prn.id, outcome: 'GIVEN', prnReason: 'Headache again' })).statusCode,
    ).toBe(201);
  });

  it('a scheduled dose must be a due one (422) and is recorded once (409)', async () => {
    const { worker, visit, scheduled, later, scheduledFor } = await visitWithMeds();
    const url = `/visits/${visit.id}/medications`;
    const notDue = expectError(
      await post(worker, url, {
        medicationId: later.id,
        scheduledFor: toMinute(new Date(Date.now() + 180 * MINUTE)),
        outcome: 'GIVEN',
      }),
      422,
      'UNPROCESSABLE',
    );
    expect(notDue.details?.[0]?.field).toBe('body.scheduledFor');
    expect(await recordsOf(visit.id)).toEqual([]);

    expect((await post(worker, url, { medicationId: scheduled.id, scheduledFor, outcome: 'GIVEN' })).statusCode).toBe(
      201,
    );
    expectError(
      await post(worker, url, { medicationId: scheduled.id, scheduledFor, outcome: 'GIVEN' }),
      409,
      'CONFLICT',
    );
    expect(await recordsOf(visit.id)).toHaveLength(1);
  });

  it('a medication from another plan: 422 naming body.medicationId', async () => {
    const { worker, visit } = await visitWithMeds();
    const other = await visitWithMeds({ checkedIn: false });
    const refused = expectError(
      await post(worker, `/visits/${visit.id}/medications`, {
        medicationId: other.scheduled.id,
        scheduledFor: other.scheduledFor,
        outcome: 'GIVEN',
      }),
      422,
      'UNPROCESSABLE',
    );
    expect(refused.details?.[0]?.field).toBe('body.medicationId');
  });

  it('doses are recorded only while the visit is in progress (409 before check-in)', async () => {
    const { worker, visit, scheduled, scheduledFor } = await visitWithMeds({ checkedIn: false });
    const refused = expectError(
      await post(worker, `/visits/${visit.id}/medications`, {
        medicationId: scheduled.id,
        scheduledFor,
        outcome: 'GIVEN',
      }),
      409,
      'CONFLICT',
    );
    expect(refused.details).toEqual({ status: 'SCHEDULED', allowed: ['IN_PROGRESS'] });
  });

  it('the team’s supervisor may record a dose on the worker’s visit', async () => {
    const { supervisor, visit, scheduled, scheduledFor } = await visitWithMeds();
    const response = await post(supervisor, `/visits/${visit.id}/medications`, {
      medicationId: scheduled.id,
      scheduledFor,
      outcome: 'GIVEN',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().data.recordedBy).toBe(supervisor.id);
  });
});
