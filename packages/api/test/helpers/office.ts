import { schema } from '@caretracker/database';
import type { FastifyInstance } from 'fastify';
import { createTeam, createUser, type TestUser } from './factories';

const HOUR = 3_600_000;

/**
 * A fixed-offset zone in which it is about noon right now, so "today" reaches ~11 hours either
 * side of now whenever the test runs (Etc/GMT-N is UTC+N).
 */
export function noonZone(now = new Date()): string {
  const offset = 12 - now.getUTCHours();
  return offset >= 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

/** An instant `hours` from now (negative: ago). */
export const hoursFromNow = (hours: number) => new Date(Date.now() + hours * HOUR);

/** A team for the office screens: supervisor, worker, two clients (the second without a worker assigned). */
export async function createOfficeTeam(app: FastifyInstance) {
  const team = await createTeam(app);
  const secondClient = await createUser(app, { role: 'CLIENT', supervisorId: team.supervisor.id });
  return { ...team, secondClient };
}
export type OfficeTeam = Awaited<ReturnType<typeof createOfficeTeam>>;

/** A visit row in any state, written directly (the lifecycle is not under test here). */
export async function officeVisit(
  app: FastifyInstance,
  options: {
    client: TestUser;
    worker?: TestUser | null;
    start: Date;
    minutes?: number;
    status?: (typeof schema.visits.$inferInsert)['status'];
    checkedIn?: boolean;
  },
) {
  const status = options.status ?? 'SCHEDULED';
  const end = new Date(options.start.getTime() + (options.minutes ?? 60) * 60_000);
  const [row] = await app.deps.db
    .insert(schema.visits)
    .values({
      clientId: options.client.id,
      workerId: options.worker?.id ?? null,
      serviceType: 'PERSONAL_CARE',
      status,
      scheduledStart: options.start,
      scheduledEnd: end,
      checkInAt: options.checkedIn || status === 'IN_PROGRESS' || status === 'COMPLETED' ? options.start : null,
      actualStart: status === 'IN_PROGRESS' || status === 'COMPLETED' ? options.start : null,
      actualEnd: status === 'COMPLETED' ? end : null,
      cancellationReason: status === 'CANCELLED' ? 'Client in hospital' : null,
    })
    .returning();
  if (!row) throw new Error('visit insert failed');
  return row;
}

export async function openException(app: FastifyInstance, visitId: string, type = 'MISSED_CHECKIN') {
  await app.deps.db.insert(schema.evvExceptions).values({ visitId, type, detail: {} });
}
