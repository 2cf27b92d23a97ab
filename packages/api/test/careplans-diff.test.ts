import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createTeam, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';

type Team = Awaited<ReturnType<typeof createTeam>>;
type Change = {
  field: string;
  kind: string;
  itemKey: string | null;
  itemLabel: string | null;
  property: string | null;
  before: unknown;
  after: unknown;
};

describe('GET /careplans/:id/versions/diff: field-level changes between versions', () => {
  let t: TestApp;
  let team: Team;
  let other: Team;
  let planId: string;
  let goalId: string;
  beforeAll(async () => {
    t = await startApp();
    team = await createTeam(t.app);
    other = await createTeam(t.app);
    const created = await call(team.supervisor, 'POST', '/careplans', {
      clientId: team.client.id,
      title: 'Diabetes and mobility',
      startsOn: '2025-03-01',
      nextReviewOn: '2025-06-01',
      goals: [{ description: 'Walk to the mailbox', measure: 'steps unassisted', targetValue: 200 }],
      medications: [{ name: 'Metformin', dose: '500 mg', route: 'ORAL', times: ['08:00'] }],
      activities: [{ code: 'bathing', name: 'Bathing' }],
      diagnosisCodes: ['E11.9', 'I10'],
    });
    expect(created.statusCode, created.body).toBe(201);
    planId = created.json().data.id;
    goalId = created.json().data.goals[0].id;
    expect((await call(team.supervisor, 'POST', `/careplans/${planId}/approve`)).statusCode).toBe(200);
    const updated = await call(team.supervisor, 'PUT', `/careplans/${planId}`, {
      version: 2,
      title: 'Diabetes, mobility and breathing',
      nextReviewOn: '2025-09-01',
      diagnosisCodes: ['E11.9', 'J45.909'],
      goals: [
        { id: goalId, description: 'Walk to the mailbox', measure: 'steps unassisted', targetValue: 300 },
        { description: 'Use the inhaler unaided', measure: 'days a week' },
      ],
      medications: [{ name: 'Albuterol', dose: '90 mcg', route: 'INHALED', prn: true, prnIndication: 'Wheezing' }],
      activities: [
        { code: 'bathing', name: 'Bathing' },
        { code: 'meal-prep', name: 'Meal preparation' },
      ],
      changeSummary: 'Asthma diagnosed',
    });
    expect(updated.statusCode, updated.body).toBe(200);
  });
  afterAll(() => t.close());

  function call(user: TestUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
    return t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });
  }
  const diff = async (user: TestUser, query = '') => {
    const response = await call(user, 'GET', `/careplans/${planId}/versions/diff${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().data as {
      from: { version: number };
      to: { version: number; changeSummary: string };
      changes: Change[];
    };
  };
  const pick = (changes: Change[], field: string) => changes.filter((change) => change.field === field);

  it('by default the latest version against the one before, every changed field and list item named', async () => {
    const data = await diff(team.supervisor);
    expect(data.from.version).toBe(2);
    expect(data.to).toMatchObject({ version: 3, changeSummary: 'Asthma diagnosed' });
    const { changes } = data;
    expect(pick(changes, 'title')).toEqual([
      expect.objectContaining({
        kind: 'CHANGED',
        before: 'Diabetes and mobility',
        after: 'Diabetes, mobility and breathing',
      }),
    ]);
    expect(pick(changes, 'nextReviewOn')).toEqual([
      expect.objectContaining({ before: '2025-06-01', after: '2025-09-01' }),
    ]);
    expect(pick(changes, 'diagnosisCodes').map((c) => [c.kind, c.itemKey])).toEqual([
      ['ADDED', 'J45.909'],
      ['REMOVED', 'I10'],
    ]);
    expect(pick(changes, 'goals')).toEqual([
      expect.objectContaining({
        kind: 'CHANGED',
        itemKey: goalId,
        itemLabel: 'Walk to the mailbox',
        property: 'targetValue',
        before: 200,
        after: 300,
      }),
      expect.objectContaining({ kind: 'ADDED', itemLabel: 'Use the inhaler unaided' }),
    ]);
    expect(pick(changes, 'medications').map((c) => [c.kind, c.itemLabel])).toEqual([
      ['ADDED', 'Albuterol'],
      ['REMOVED', 'Metformin'],
    ]);
    expect(pick(changes, 'activities')).toEqual([
      expect.objectContaining({ kind: 'ADDED', itemKey: 'meal-prep', itemLabel: 'Meal preparation' }),
    ]);
    expect(pick(changes, 'status')).toEqual([]);
  });

  it('any two versions: the approval shows as status and approver; the read is audited', async () => {
    const approval = await diff(team.supervisor, '?from=1&to=2');
    expect(pick(approval.changes, 'status')).toEqual([
      expect.objectContaining({ kind: 'CHANGED', before: 'DRAFT', after: 'ACTIVE' }),
    ]);
    expect(pick(approval.changes, 'approvedBy')).toEqual([
      expect.objectContaining({ before: null, after: team.supervisor.id }),
    ]);
    const whole = await diff(team.supervisor, '?from=1&to=3');
    expect(whole.changes.map((c) => c.field)).toEqual(expect.arrayContaining(['status', 'title', 'goals']));
    const reads = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(
        and(
          eq(schema.auditLog.actorId, team.supervisor.id),
          eq(schema.auditLog.action, 'PHI_READ'),
          eq(schema.auditLog.entityId, planId),
        ),
      );
    expect(reads.length).toBeGreaterThanOrEqual(2);
  });

  it('outsiders: another supervisor gets 404 (logged); the assigned worker and the client 403', async () => {
    expectError(await call(other.supervisor, 'GET', `/careplans/${planId}/versions/diff`), 404, 'NOT_FOUND');
    const denials = await t.app.deps.db
      .select()
      .from(schema.auditLog)
      .where(
        and(
          eq(schema.auditLog.actorId, other.supervisor.id),
          eq(schema.auditLog.action, 'PERMISSION_DENIED'),
          eq(schema.auditLog.entityId, planId),
        ),
      );
    expect(denials).toHaveLength(1);
    for (const user of [team.worker, team.client]) {
      expectError(await call(user, 'GET', `/careplans/${planId}/versions/diff`), 403, 'FORBIDDEN');
    }
  });

  it('versions out of order are 400 naming the field; a version the plan never had is 404', async () => {
    const body = expectError(
      await call(team.supervisor, 'GET', `/careplans/${planId}/versions/diff?from=3&to=2`),
      400,
      'VALIDATION_ERROR',
    );
    expect(body.details?.map((detail) => detail.field)).toContain('querystring.to');
    expectError(await call(team.supervisor, 'GET', `/careplans/${planId}/versions/diff?from=1&to=9`), 404, 'NOT_FOUND');
  });
});
