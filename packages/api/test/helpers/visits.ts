import { randomUUID } from 'node:crypto';
import { schema } from '@caretracker/database';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { createTeam, type TestUser } from './factories';

const DAY_MS = 86_400_000;

/** An hour-long (or `minutes`) slot `days` ahead at `hourUtc`:00 UTC, as the API takes it. */
export function slot(days: number, hourUtc: number, minutes = 60) {
  const start = new Date(Date.now() + days * DAY_MS);
  start.setUTCHours(hourUtc, 0, 0, 0);
  const end = new Date(start.getTime() + minutes * 60_000);
  return { scheduledStart: start.toISOString(), scheduledEnd: end.toISOString() };
}

export const HOME = { line1: '12 Elm St', city: 'Portland', state: 'OR', postalCode: '97201', country: 'US' };

/**
 * A team ready for scheduling: the worker has a rate, skills and availability every day; the client
 * an address and an active care plan with two activities requiring one skill.
 */
export async function createSchedulingTeam(app: FastifyInstance) {
  const team = await createTeam(app);
  const { db } = app.deps;
  await db
    .update(schema.profiles)
    .set({
      hourlyRateCents: 3200,
      skills: ['Dementia care', 'Lifting'],
      timezone: 'UTC',
      homeLat: 45.51,
      homeLng: -122.6,
      availability: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'].map((day) => ({
        day: day as 'MON',
        start: '00:00',
        end: '24:00',
      })),
    })
    .where(eq(schema.profiles.userId, team.worker.id));
  await db
    .update(schema.profiles)
    .set({ address: HOME, timezone: 'UTC' })
    .where(eq(schema.profiles.userId, team.client.id));
  const [plan] = await db
    .insert(schema.carePlans)
    .values({
      clientId: team.client.id,
      status: 'ACTIVE',
      title: `Plan ${randomUUID().slice(0, 8)}`,
      activities: [
        { code: 'bathing', name: 'Bathing' },
        { code: 'meal-prep', name: 'Meal preparation' },
      ],
      requiredSkills: ['dementia care'],
      startsOn: '2025-01-01',
      nextReviewOn: '2099-01-01',
    })
    .returning();
  if (!plan) throw new Error('care plan insert failed');
  return { ...team, plan };
}
export type SchedulingTeam = Awaited<ReturnType<typeof createSchedulingTeam>>;

/** A visit written straight to the database, in any status and at any time (past ones included). */
export async function insertVisit(
  app: FastifyInstance,
  values: { client: TestUser; worker?: TestUser | null; start: string | Date; end: string | Date } & Partial<
    typeof schema.visits.$inferInsert
  >,
) {
  const { client, worker, start, end, ...rest } = values;
  const [row] = await app.deps.db
    .insert(schema.visits)
    .values({
      clientId: client.id,
      workerId: worker?.id ?? null,
      serviceType: 'PERSONAL_CARE',
      scheduledStart: new Date(start),
      scheduledEnd: new Date(end),
      ...rest,
    })
    .returning();
  if (!row) throw new Error('visit insert failed');
  return row;
}

export async function visitRow(app: FastifyInstance, id: string) {
  const [row] = await app.deps.db.select().from(schema.visits).where(eq(schema.visits.id, id));
  return row;
}
