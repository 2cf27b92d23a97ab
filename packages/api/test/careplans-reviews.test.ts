import { schema } from '@caretracker/database';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';
import { createCarePlan, createTeam, createUser, type TestUser } from './helpers/factories';
import { expectError } from './helpers/http';

const DAY = 86_400_000;
const isoDate = (at: Date) => at.toISOString().slice(0, 10);
/** A date `days` from today (UTC); tests keep a few days from every boundary. */
const inDays = (days: number) => isoDate(new Date(Date.now() + days * DAY));

describe('care plan reviews: the reviewDue filter and review reminders', () => {
  let t: TestApp;
  let supervisor: TestUser;
  let clients: TestUser[];
  beforeAll(async () => {
    t = await startApp();
    const team = await createTeam(t.app);
    supervisor = team.supervisor;
    const more = await Promise.all(
      [1, 2, 3].map(() => createUser(t.app, { role: 'CLIENT', supervisorId: supervisor.id })),
    );
    clients = [team.client, ...more];
  });
  afterAll(() => t.close());

  const plan = (client: number, status: 'DRAFT' | 'ACTIVE' | 'ON_HOLD' | 'COMPLETED', nextReviewOn: string) =>
    createCarePlan(t.app, { clientId: clients[client]!.id, status, nextReviewOn, createdBy: supervisor.id });
  const due = async (days: number) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/careplans?reviewDue=${days}`,
      headers: supervisor.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json().data as Array<{ id: string }>).map((p) => p.id);
  };

  it('reviewDue=0 lists overdue reviews; reviewDue=N those due within N days, soonest first; only ACTIVE/ON_HOLD', async () => {
    const overdue = await plan(0, 'ACTIVE', inDays(-3));
    const soon = await plan(1, 'ON_HOLD', inDays(5));
    const later = await plan(2, 'ACTIVE', inDays(40));
    await plan(3, 'DRAFT', inDays(-3));
    await plan(3, 'COMPLETED', inDays(2));
    expect(await due(0)).toEqual([overdue.id]);
    expect(await due(7)).toEqual([overdue.id, soon.id]);
    expect(await due(60)).toEqual([overdue.id, soon.id, later.id]);
    expectError(
      await t.app.inject({ method: 'GET', url: '/careplans?reviewDue=-1', headers: supervisor.headers }),
      400,
      'VALIDATION_ERROR',
    );
  });

  it('the review job tells the supervisor once per review date, and again when a new date comes due', async () => {
    const fresh = await createTeam(t.app);
    const job = t.app.deps.jobs.find((j) => j.name === 'care-plan-review')!;
    const soon = await createCarePlan(t.app, { clientId: fresh.client.id, status: 'ACTIVE', nextReviewOn: inDays(5) });
    const far = await createCarePlan(t.app, { clientId: fresh.client.id, status: 'ON_HOLD', nextReviewOn: inDays(60) });
    const draft = await createCarePlan(t.app, { clientId: fresh.client.id, status: 'DRAFT', nextReviewOn: inDays(1) });
    const reminders = (planId: string) =>
      t.app.deps.db
        .select()
        .from(schema.notifications)
        .where(and(eq(schema.notifications.entityId, planId), eq(schema.notifications.category, 'CARE_PLAN_REVIEW')));

    await job.run(new Date());
    await job.run(new Date());
    const sent = await reminders(soon.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      userId: fresh.supervisor.id,
      entityType: 'care_plan',
      title: 'Care plan review due',
    });
    // The app names the client; the stored (emailed) text gives the date in words and names nobody.
    expect(sent[0]).toMatchObject({
      messageKey: 'carePlanReviewDue',
      messageParams: { client: `${fresh.client.firstName} ${fresh.client.lastName}`, date: inDays(5) },
    });
    expect(sent[0]?.body).toContain(
      new Intl.DateTimeFormat('en-US', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${inDays(5)}T00:00:00Z`),
      ),
    );
    expect(sent[0]?.body).not.toContain(fresh.client.lastName);
    expect(await reminders(far.id)).toHaveLength(0);
    expect(await reminders(draft.id)).toHaveLength(0);
    const [row] = await t.app.deps.db.select().from(schema.carePlans).where(eq(schema.carePlans.id, soon.id));
    expect(row?.reviewReminderSentOn).toBe(inDays(0));

    // The review took place and the next one is set a quarter ahead: when that one comes due, one more reminder.
    await t.app.deps.db
      .update(schema.carePlans)
      .set({ nextReviewOn: inDays(90) })
      .where(eq(schema.carePlans.id, soon.id));
    await job.run(new Date());
    expect(await reminders(soon.id)).toHaveLength(1);
    await job.run(new Date(Date.now() + 80 * DAY));
    await job.run(new Date(Date.now() + 81 * DAY));
    expect(await reminders(soon.id)).toHaveLength(2);
  });

  it('with no supervisor, the admins are told', async () => {
    const admin = await createUser(t.app, { role: 'ADMIN' });
    const loner = await createUser(t.app, { role: 'CLIENT' });
    const overdue = await createCarePlan(t.app, { clientId: loner.id, status: 'ACTIVE', nextReviewOn: inDays(-2) });
    await t.app.deps.jobs.find((j) => j.name === 'care-plan-review')!.run(new Date());
    const [sent] = await t.app.deps.db
      .select()
      .from(schema.notifications)
      .where(and(eq(schema.notifications.entityId, overdue.id), eq(schema.notifications.userId, admin.id)));
    expect(sent).toMatchObject({ title: 'Care plan review overdue' });
  });
});
