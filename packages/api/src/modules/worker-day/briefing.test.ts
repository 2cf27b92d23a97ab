import { schema } from '@caretracker/database';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../../test/helpers/app';
import { createActivePlan, createVisitRow } from '../../../test/helpers/care-factories';
import { createTeam } from '../../../test/helpers/factories';
import { expectError } from '../../../test/helpers/http';

const HOUR = 3_600_000;
type Team = Awaited<ReturnType<typeof createTeam>>;

describe('GET /visits/:id/briefing', () => {
  let t: TestApp;
  let a: Team;
  let b: Team;
  let visitId: string;
  let planId: string;

  beforeAll(async () => {
    t = await startApp();
    a = await createTeam(t.app);
    b = await createTeam(t.app);
    const { plan } = await createActivePlan(t.app, {
      clientId: a.client.id,
      activities: [{ code: 'MEAL', name: 'Meal preparation' }],
    });
    planId = plan.id;
    // The client's last completed visit, with notes for the next worker and private ones for the office.
    const last = await createVisitRow(t.app, {
      clientId: a.client.id,
      workerId: a.worker.id,
      start: new Date(Date.now() - 26 * HOUR),
      status: 'COMPLETED',
      carePlanId: plan.id,
    });
    await t.app.deps.db
      .update(schema.visits)
      .set({ notes: 'Left soup in the fridge for dinner', privateNotes: 'Family dispute, office only' })
      .where(eq(schema.visits.id, last.id));
    visitId = (
      await createVisitRow(t.app, {
        clientId: a.client.id,
        workerId: a.worker.id,
        start: new Date(Date.now() + 2 * HOUR),
        carePlanId: plan.id,
        plannedActivities: ['MEAL'],
      })
    ).id;
  });
  afterAll(() => t.close());

  it("answers the worker with the visit, the client's briefing, the plan and the last visit's notes in one request", async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/visits/${visitId}/briefing`,
      headers: a.worker.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    const { data } = response.json();
    expect(data.visit.id).toBe(visitId);
    expect(data.client.id).toBe(a.client.id);
    expect(data.client.profile.allergies).toEqual(['Penicillin']);
    // Briefing fields only: a worker never sees the client's clinical identifiers.
    expect(data.client.profile).not.toHaveProperty('medicalRecordNumber');
    expect(data.carePlan.id).toBe(planId);
    expect(data.carePlan.activities).toEqual([expect.objectContaining({ code: 'MEAL', name: 'Meal preparation' })]);
    expect(data.lastVisit).toMatchObject({ notes: 'Left soup in the fridge for dinner' });
    expect(JSON.stringify(data.lastVisit)).not.toContain('Family dispute');
    expect(data.visit).not.toHaveProperty('rateCents');
  });

  it('answers the client and the supervisor their own views of it', async () => {
    for (const who of [a.client, a.supervisor]) {
      const response = await t.app.inject({ method: 'GET', url: `/visits/${visitId}/briefing`, headers: who.headers });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().data.visit.id).toBe(visitId);
    }
  });

  it('answers 404 to another team, whoever asks, and logs the denial', async () => {
    for (const outsider of [b.worker, b.client, b.supervisor]) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/visits/${visitId}/briefing`,
        headers: outsider.headers,
      });
      expectError(response, 404, 'NOT_FOUND');
      expect(response.body).not.toContain('Penicillin');
      expect(response.body).not.toContain('soup');
    }
    const denials = await t.app.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.actorId, b.worker.id));
    expect(denials.some((row) => row.action === 'PERMISSION_DENIED')).toBe(true);
  });

  it('answers 404 for a visit that does not exist, 400 for an id that is not one, 401 signed out', async () => {
    const missing = await t.app.inject({
      method: 'GET',
      url: '/visits/00000000-0000-4000-8000-000000000000/briefing',
      headers: a.worker.headers,
    });
    expectError(missing, 404, 'NOT_FOUND');
    const bad = await t.app.inject({ method: 'GET', url: '/visits/not-a-visit/briefing', headers: a.worker.headers });
    expectError(bad, 400, 'VALIDATION_ERROR');
    const anonymous = await t.app.inject({ method: 'GET', url: `/visits/${visitId}/briefing` });
    expect(anonymous.statusCode).toBe(401);
  });
});
