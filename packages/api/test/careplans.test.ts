import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textDigest } from '../src/modules/audit/values';
import { startApp, type TestApp } from './helpers/app';
import { createTeam, createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';

type Team = Awaited<ReturnType<typeof createTeam>>;

const planBody = (clientId: string, extra: Record<string, unknown> = {}) => ({
  clientId,
  title: 'Diabetes and mobility',
  startsOn: '2025-03-01',
  nextReviewOn: '2025-06-01',
  goals: [{ description: 'Walk to the mailbox', measure: 'steps unassisted', baselineValue: 20, targetValue: 200 }],
  medications: [{ name: 'Metformin', dose: '500 mg', route: 'ORAL', times: ['08:00', '20:00'] }],
  activities: [{ code: 'bathing', name: 'Bathing' }],
  diagnosisCodes: ['e11.9', 'I10'],
  requiredSkills: ['diabetes care'],
  emergencyProtocol: 'Call 911, then the supervisor',
  ...extra,
});

describe('care plans: lifecycle, versions, lists, validation', () => {
  let t: TestApp;
  let team: Team;
  beforeAll(async () => {
    t = await startApp();
    team = await createTeam(t.app);
  });
  afterAll(() => t.close());

  const call = (user: TestUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });
  const create = async (extra: Record<string, unknown> = {}, by = team.supervisor, clientId = team.client.id) => {
    const response = await call(by, 'POST', '/careplans', planBody(clientId, extra));
    expect(response.statusCode, response.body).toBe(201);
    return response.json().data;
  };
  const planRow = async (id: string) =>
    (await t.app.deps.db.select().from(schema.carePlans).where(eq(schema.carePlans.id, id)))[0];
  const versionCount = async (id: string) =>
    (await t.app.deps.db.select().from(schema.carePlanVersions).where(eq(schema.carePlanVersions.carePlanId, id)))
      .length;
  const auditRows = (id: string, action: string) =>
    t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityId, id), eq(schema.auditLog.action, action)));

  it('create (DRAFT, v1) → approve (ACTIVE, v2): each change keeps a whole snapshot and an audit row', async () => {
    const created = await create();
    expect(created).toMatchObject({ status: 'DRAFT', version: 1, diagnosisCodes: ['E11.9', 'I10'], visits: [] });
    expect(created.goals[0]).toMatchObject({ description: 'Walk to the mailbox', targetValue: 200, progress: [] });
    expect(created.medications[0]).toMatchObject({ name: 'Metformin', times: ['08:00', '20:00'], prn: false });

    const approved = await call(team.supervisor, 'POST', `/careplans/${created.id}/approve`, {
      note: 'Reviewed with the family',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().data).toMatchObject({ status: 'ACTIVE', version: 2, approvedBy: team.supervisor.id });
    expect(approved.json().data.approvedAt).toEqual(expect.any(String));

    const versions = await call(team.supervisor, 'GET', `/careplans/${created.id}/versions`);
    expect(versions.statusCode, versions.body).toBe(200);
    const [v2, v1] = versions.json().data;
    expect(versions.json().data).toHaveLength(2);
    expect(v1).toMatchObject({ version: 1, changeSummary: 'Created', changedBy: team.supervisor.id });
    expect(v1.snapshot).toMatchObject({
      status: 'DRAFT',
      version: 1,
      approvedBy: null,
      title: 'Diabetes and mobility',
    });
    expect(v1.snapshot.goals).toHaveLength(1);
    expect(v1.snapshot.medications[0]).toMatchObject({ name: 'Metformin', dose: '500 mg' });
    expect(v2).toMatchObject({ version: 2, changeSummary: 'Reviewed with the family' });
    expect(v2.snapshot).toMatchObject({ status: 'ACTIVE', version: 2, approvedBy: team.supervisor.id });

    const [createdAudit] = await auditRows(created.id, 'CARE_PLAN_CREATED');
    expect(createdAudit).toMatchObject({ dataClassification: 'PHI', actorId: team.supervisor.id });
    expect(createdAudit?.newValues).toMatchObject({ title: 'Diabetes and mobility', status: 'DRAFT' });
    const [approvedAudit] = await auditRows(created.id, 'CARE_PLAN_APPROVED');
    expect(approvedAudit?.oldValues).toMatchObject({ status: 'DRAFT', approvedBy: null, version: 1 });
    expect(approvedAudit?.newValues).toMatchObject({ status: 'ACTIVE', approvedBy: team.supervisor.id, version: 2 });
    expect(approvedAudit?.newValues).not.toHaveProperty('title');
    expect((await auditRows(created.id, 'PHI_READ')).length).toBeGreaterThan(0);

    // The second approval of the same plan is refused: it is no longer a draft.
    expectError(await call(team.supervisor, 'POST', `/careplans/${created.id}/approve`), 409, 'CONFLICT');
  });

  it('a second ACTIVE plan for the client is refused with 409 naming the active one; the draft stays as it was', async () => {
    const fresh = await createTeam(t.app);
    const first = await create({}, fresh.supervisor, fresh.client.id);
    const second = await create({ title: 'Second plan' }, fresh.supervisor, fresh.client.id);
    expect((await call(fresh.supervisor, 'POST', `/careplans/${first.id}/approve`)).statusCode).toBe(200);
    const before = await planRow(second.id);
    const refused = expectError(
      await call(fresh.supervisor, 'POST', `/careplans/${second.id}/approve`),
      409,
      'CONFLICT',
    );
    expect(refused.message).toContain(first.id);
    expect(refused.details).toEqual({ activePlanId: first.id });
    expect(await planRow(second.id)).toEqual(before);
    expect(await versionCount(second.id)).toBe(1);

    // Resuming a paused plan while another is active is the same conflict.
    const paused = await create({ title: 'Paused plan' }, fresh.supervisor, fresh.client.id);
    await t.app.deps.db.update(schema.carePlans).set({ status: 'ON_HOLD' }).where(eq(schema.carePlans.id, paused.id));
    const resumed = await call(fresh.supervisor, 'POST', `/careplans/${paused.id}/status`, {
      status: 'ACTIVE',
      reason: 'back from hospital',
    });
    expect(expectError(resumed, 409, 'CONFLICT').details).toEqual({ activePlanId: first.id });
  });

  it('two approvals racing for the same client: exactly one wins, the other is a 409 (unique index)', async () => {
    const fresh = await createTeam(t.app);
    const a = await create({}, fresh.supervisor, fresh.client.id);
    const b = await create({}, fresh.supervisor, fresh.client.id);
    const answers = await Promise.all([
      call(fresh.supervisor, 'POST', `/careplans/${a.id}/approve`),
      call(fresh.supervisor, 'POST', `/careplans/${b.id}/approve`),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const rows = await t.app.deps.db
      .select()
      .from(schema.carePlans)
      .where(and(eq(schema.carePlans.clientId, fresh.client.id), eq(schema.carePlans.status, 'ACTIVE')));
    expect(rows).toHaveLength(1);
  });

  it('status changes follow CARE_PLAN_TRANSITIONS; refused ones answer 409 with the allowed list', async () => {
    const fresh = await createTeam(t.app);
    const plan = await create({}, fresh.supervisor, fresh.client.id);
    const status = (status: string, reason = 'clinical review') =>
      call(fresh.supervisor, 'POST', `/careplans/${plan.id}/status`, { status, reason });

    const draftToActive = expectError(await status('ACTIVE'), 409, 'CONFLICT');
    expect(draftToActive.details).toEqual({ status: 'DRAFT', allowed: ['DISCONTINUED'] });
    expect(draftToActive.message).toContain('approval');
    expect((await call(fresh.supervisor, 'POST', `/careplans/${plan.id}/approve`)).statusCode).toBe(200);

    const held = await status('ON_HOLD', 'in hospital');
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json().data).toMatchObject({ status: 'ON_HOLD', statusReason: 'in hospital', version: 3 });
    expect(expectError(await status('ON_HOLD'), 409, 'CONFLICT').details).toEqual({
      status: 'ON_HOLD',
      allowed: ['ACTIVE', 'COMPLETED', 'DISCONTINUED'],
    });
    expect((await status('ACTIVE', 'home again')).json().data).toMatchObject({ status: 'ACTIVE', version: 4 });
    expect((await status('COMPLETED', 'goals met')).json().data).toMatchObject({ status: 'COMPLETED', version: 5 });
    expect(expectError(await status('ACTIVE'), 409, 'CONFLICT').details).toEqual({ status: 'COMPLETED', allowed: [] });
    expect((await planRow(plan.id))?.version).toBe(5);

    const versions = (await call(fresh.supervisor, 'GET', `/careplans/${plan.id}/versions`)).json().data;
    expect(versions.map((v: { snapshot: { status: string } }) => v.snapshot.status)).toEqual([
      'COMPLETED',
      'ACTIVE',
      'ON_HOLD',
      'ACTIVE',
      'DRAFT',
    ]);
    expect(versions[2].changeSummary).toBe('ACTIVE → ON_HOLD: in hospital');
    const [audit] = await auditRows(plan.id, 'CARE_PLAN_STATUS_CHANGED');
    expect(audit).toMatchObject({ dataClassification: 'PHI' });

    const draft = await create({}, fresh.supervisor, fresh.client.id);
    const discontinued = await call(fresh.supervisor, 'POST', `/careplans/${draft.id}/status`, {
      status: 'DISCONTINUED',
      reason: 'written in error',
    });
    expect(discontinued.json().data).toMatchObject({ status: 'DISCONTINUED', version: 2 });
    // A closed plan is history: it cannot be edited either.
    const edit = await call(fresh.supervisor, 'PUT', `/careplans/${draft.id}`, { version: 2, title: 'Revived' });
    expectError(edit, 409, 'CONFLICT');
  });

  it('PUT with a stale version is a 409 carrying the current one; nothing changes', async () => {
    const plan = await create();
    const first = await call(team.supervisor, 'PUT', `/careplans/${plan.id}`, { version: 1, title: 'Renamed' });
    expect(first.json().data).toMatchObject({ title: 'Renamed', version: 2 });
    const before = await planRow(plan.id);
    const stale = await call(team.supervisor, 'PUT', `/careplans/${plan.id}`, { version: 1, title: 'Lost update' });
    expect(expectError(stale, 409, 'CONFLICT').details).toEqual({ currentVersion: 2 });
    expect(await planRow(plan.id)).toEqual(before);
    expect(await versionCount(plan.id)).toBe(2);

    // Sending the same values again changes nothing and keeps no new version.
    const same = await call(team.supervisor, 'PUT', `/careplans/${plan.id}`, { version: 2, title: 'Renamed' });
    expect(same.json().data.version).toBe(2);
    expect(await versionCount(plan.id)).toBe(2);
  });

  it('PUT lists replace the plan’s lists: named items updated, new ones created, missing ones removed', async () => {
    const plan = await create({
      goals: [
        { description: 'Walk to the mailbox', measure: 'steps' },
        { description: 'Cook one meal a week', measure: 'meals' },
      ],
    });
    const [keep, drop] = plan.goals;
    const [metformin] = plan.medications;
    const response = await call(team.supervisor, 'PUT', `/careplans/${plan.id}`, {
      version: 1,
      changeSummary: 'Quarterly review',
      goals: [
        { description: 'Sleep through the night', measure: 'nights per week', targetValue: 5 },
        { id: keep.id, description: 'Walk to the corner', measure: 'steps', targetValue: 400 },
      ],
      medications: [{ name: 'Paracetamol', dose: '1 g', route: 'ORAL', prn: true, prnIndication: 'pain above 4/10' }],
    });
    expect(response.statusCode, response.body).toBe(200);
    const updated = response.json().data;
    expect(updated.version).toBe(2);
    expect(updated.goals.map((g: { description: string }) => g.description)).toEqual([
      'Sleep through the night',
      'Walk to the corner',
    ]);
    expect(updated.goals[1].id).toBe(keep.id);
    expect(updated.medications).toHaveLength(1);
    expect(updated.medications[0]).toMatchObject({ name: 'Paracetamol', prn: true, times: [] });

    const [removedGoal] = await t.app.deps.db
      .select()
      .from(schema.carePlanGoals)
      .where(eq(schema.carePlanGoals.id, drop.id));
    expect(removedGoal?.deletedAt).toBeInstanceOf(Date);
    const [removedMedication] = await t.app.deps.db
      .select()
      .from(schema.carePlanMedications)
      .where(eq(schema.carePlanMedications.id, metformin.id));
    expect(removedMedication?.deletedAt).toBeInstanceOf(Date);

    const [v2, v1] = (await call(team.supervisor, 'GET', `/careplans/${plan.id}/versions`)).json().data;
    expect(v2.changeSummary).toBe('Quarterly review');
    expect(v2.snapshot.goals).toHaveLength(2);
    expect(v2.snapshot.medications[0].name).toBe('Paracetamol');
    expect(v1.snapshot.goals.map((g: { description: string }) => g.description)).toEqual([
      'Walk to the mailbox',
      'Cook one meal a week',
    ]);
    expect(v1.snapshot.medications[0].name).toBe('Metformin');

    const [audit] = await auditRows(plan.id, 'CARE_PLAN_UPDATED');
    // The versions keep the words; the trail their length and hash.
    expect(audit?.oldValues).toMatchObject({ goals: [{ description: textDigest('Walk to the mailbox') }, {}] });
    expect(audit?.newValues).toMatchObject({ medications: [{ name: 'Paracetamol', prn: true }] });
    expect(audit?.newValues).not.toHaveProperty('title');

    // An id that is not one of this plan's items is refused, naming it; nothing is written.
    const before = await planRow(plan.id);
    const foreign = await call(team.supervisor, 'PUT', `/careplans/${plan.id}`, {
      version: 2,
      goals: [{ id: drop.id, description: 'Resurrected', measure: 'x' }],
    });
    expect(expectError(foreign, 422, 'UNPROCESSABLE').details).toEqual([
      { field: 'body.goals.0.id', message: "is not one of this plan's goals" },
    ]);
    expect(await planRow(plan.id)).toEqual(before);
  });

  describe('bad input names the field', () => {
    it('a malformed ICD-10-CM code: 400 naming body.diagnosisCodes.0', async () => {
      const response = await call(
        team.supervisor,
        'POST',
        '/careplans',
        planBody(team.client.id, { diagnosisCodes: ['U07.1'] }),
      );
      const error = expectError(response, 400, 'VALIDATION_ERROR');
      expect(error.details?.map((d) => d.field)).toEqual(['body.diagnosisCodes.0']);
    });

    it('an unknown client or a user who is not a client: 422 naming body.clientId', async () => {
      for (const clientId of ['00000000-0000-4000-8000-000000000000', team.worker.id]) {
        const error = expectError(
          await call(team.supervisor, 'POST', '/careplans', planBody(clientId)),
          422,
          'UNPROCESSABLE',
        );
        expect(error.details?.map((d) => d.field)).toEqual(['body.clientId']);
      }
      const admin = await createUser(t.app, { role: 'ADMIN' });
      expectError(await call(admin, 'POST', '/careplans', planBody(team.supervisor.id)), 422, 'UNPROCESSABLE');
    });

    it('endsOn or nextReviewOn before startsOn: 400 naming the field, on create and on update', async () => {
      const ends = await call(
        team.supervisor,
        'POST',
        '/careplans',
        planBody(team.client.id, { endsOn: '2025-02-01' }),
      );
      expect(expectError(ends, 400, 'VALIDATION_ERROR').details?.map((d) => d.field)).toEqual(['body.endsOn']);
      const review = await call(
        team.supervisor,
        'POST',
        '/careplans',
        planBody(team.client.id, { nextReviewOn: '2025-01-01' }),
      );
      expect(expectError(review, 400, 'VALIDATION_ERROR').details?.map((d) => d.field)).toEqual(['body.nextReviewOn']);

      const plan = await create();
      // Only one date sent: checked against the stored startsOn (2025-03-01).
      const update = await call(team.supervisor, 'PUT', `/careplans/${plan.id}`, { version: 1, endsOn: '2025-01-31' });
      expect(expectError(update, 400, 'VALIDATION_ERROR').details?.map((d) => d.field)).toEqual(['body.endsOn']);
      const later = await call(team.supervisor, 'PUT', `/careplans/${plan.id}`, { version: 1, startsOn: '2025-07-01' });
      expect(expectError(later, 400, 'VALIDATION_ERROR').details?.map((d) => d.field)).toEqual(['body.nextReviewOn']);
      expect(await versionCount(plan.id)).toBe(1);
    });

    it('PUT without version, unknown fields and a bad limit are 400s', async () => {
      const plan = await create();
      const noVersion = await call(team.supervisor, 'PUT', `/careplans/${plan.id}`, { title: 'x' });
      expect(expectError(noVersion, 400, 'VALIDATION_ERROR').details?.map((d) => d.field)).toEqual(['body.version']);
      const unknown = await call(team.supervisor, 'PUT', `/careplans/${plan.id}`, { version: 1, owner: 'me' });
      expect(expectError(unknown, 400, 'VALIDATION_ERROR').details?.map((d) => d.field)).toEqual(['body.owner']);
      expectError(await call(team.supervisor, 'GET', '/careplans?limit=101'), 400, 'VALIDATION_ERROR');
    });
  });

  describe('goal progress', () => {
    it('the supervisor and the assigned worker record progress on an ACTIVE plan; it shows on the plan', async () => {
      const fresh = await createTeam(t.app);
      const plan = await create({}, fresh.supervisor, fresh.client.id);
      const goalId = plan.goals[0].id;
      const url = `/careplans/${plan.id}/goals/${goalId}/progress`;

      expectError(await call(fresh.supervisor, 'POST', url, { value: 30, note: 'on a draft' }), 409, 'CONFLICT');
      await call(fresh.supervisor, 'POST', `/careplans/${plan.id}/approve`);

      const bySupervisor = await call(fresh.supervisor, 'POST', url, {
        value: 40,
        note: 'Walked with a frame',
        recordedAt: '2025-03-10T09:00:00Z',
      });
      expect(bySupervisor.statusCode, bySupervisor.body).toBe(201);
      expect(bySupervisor.json().data).toMatchObject({ goalId, value: 40, recordedBy: fresh.supervisor.id });
      const byWorker = await call(fresh.worker, 'POST', url, { value: 60, note: 'Reached the gate' });
      expect(byWorker.statusCode, byWorker.body).toBe(201);

      const shown = (await call(fresh.worker, 'GET', `/careplans/${plan.id}`)).json().data;
      expect(shown.goals[0].progress.map((p: { value: number }) => p.value)).toEqual([40, 60]);
      // Progress is not a change to the plan: no new version, so editors do not collide with the field.
      expect(shown.version).toBe(2);
      const audits = await auditRows(plan.id, 'CARE_PLAN_GOAL_PROGRESS_RECORDED');
      expect(audits.map((a) => a.actorId).sort()).toEqual([fresh.supervisor.id, fresh.worker.id].sort());

      const before = (
        await t.app.deps.db
          .select()
          .from(schema.carePlanGoalProgress)
          .where(eq(schema.carePlanGoalProgress.goalId, goalId))
      ).length;
      expectError(await call(fresh.client, 'POST', url, { note: 'I walked!' }), 403, 'FORBIDDEN');
      expectError(
        await call(fresh.supervisor, 'POST', `/careplans/${plan.id}/goals/${fresh.client.id}/progress`, { note: 'x' }),
        404,
        'NOT_FOUND',
      );
      expectError(await call(fresh.supervisor, 'POST', url, { value: 'far' }), 400, 'VALIDATION_ERROR');
      const after = (
        await t.app.deps.db
          .select()
          .from(schema.carePlanGoalProgress)
          .where(eq(schema.carePlanGoalProgress.goalId, goalId))
      ).length;
      expect(after).toBe(before);
    });
  });
});
