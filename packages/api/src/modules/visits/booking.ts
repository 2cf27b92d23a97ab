import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import type { FieldIssue } from '@caretracker/shared';
import { and, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { type Actor, ownClientId } from '../../context/request-context';
import { AppError, ConflictError, UnprocessableError } from '../../errors/app-errors';
import { supervisedUserIds } from '../users/relations';
import { type BookedSlot, clashesFor, findVisit, type PersonSummary, type TimeRange } from './queries';

const { users, profiles, carePlans } = schema;

/** A booking may start up to this long ago (the form took a while to fill in). */
export const PAST_GRACE_MS = 5 * 60_000;

export const refused = (field: string, message: string): FieldIssue => ({ field: `body.${field}`, message });

/** 403 naming the fields the caller may not set; nothing is written. */
export function fieldsForbidden(fields: string[], message = 'is not yours to set'): AppError {
  return new AppError(
    403,
    'FORBIDDEN',
    `You may not set: ${fields.join(', ')}`,
    fields.map((field) => refused(field, message)),
  );
}

export function assertNotPast(start: Date, field: string, now = Date.now()): void {
  if (start.getTime() < now - PAST_GRACE_MS) {
    throw new UnprocessableError(`${field} is in the past; book visits from now on`, [
      refused(field, 'must not be in the past'),
    ]);
  }
}

/** Team condition: a supervisor books only for their team; an admin for anyone. */
function inTeam(actor: Actor, column: typeof users.id): SQL | undefined {
  return actor.role === 'SUPERVISOR' ? inArray(column, supervisedUserIds(actor.id)) : undefined;
}

export interface BookingClient {
  id: string;
  supervisorId: string | null;
  address: typeof profiles.$inferSelect.address;
  homeLat: number | null;
  homeLng: number | null;
  timezone: string | null;
}

/** The live client a booking is for; unknown, not a client or outside the caller's team is the same 422. */
export async function requireClient(executor: Executor, actor: Actor, clientId: string): Promise<BookingClient> {
  const [client] = await executor
    .select({
      id: users.id,
      supervisorId: users.supervisorId,
      address: profiles.address,
      homeLat: profiles.homeLat,
      homeLng: profiles.homeLng,
      timezone: profiles.timezone,
    })
    .from(users)
    .leftJoin(profiles, eq(profiles.userId, users.id))
    .where(
      and(
        eq(users.id, clientId),
        eq(users.role, 'CLIENT'),
        isNull(users.deletedAt),
        actor.role === 'CLIENT' ? eq(users.id, ownClientId(actor)) : inTeam(actor, users.id),
      ),
    );
  if (!client) {
    throw new UnprocessableError('clientId does not name a client you can book for', [
      refused('clientId', 'must be a live client in your care'),
    ]);
  }
  return client;
}

/** The live, active worker a visit is given to, with the hourly rate that is its default. */
export async function requireWorker(
  executor: Executor,
  actor: Actor,
  workerId: string,
  field = 'workerId',
): Promise<{ id: string; hourlyRateCents: number | null }> {
  const [worker] = await executor
    .select({ id: users.id, hourlyRateCents: profiles.hourlyRateCents })
    .from(users)
    .leftJoin(profiles, eq(profiles.userId, users.id))
    .where(
      and(
        eq(users.id, workerId),
        eq(users.role, 'WORKER'),
        eq(users.isActive, true),
        isNull(users.deletedAt),
        actor.role === 'SUPERVISOR' ? eq(users.supervisorId, actor.id) : undefined,
      ),
    );
  if (!worker) {
    throw new UnprocessableError(`${field} does not name an active worker you can assign`, [
      refused(field, 'must be an active worker in your team'),
    ]);
  }
  return worker;
}

/**
 * The care plan a visit follows: the one named (which must be the client's), else the client's
 * active plan, else none. Planned activities default to the plan's and must be among them.
 */
export async function resolveCarePlan(
  executor: Executor,
  clientId: string,
  carePlanId: string | undefined,
  plannedActivities: string[] | undefined,
): Promise<{ carePlanId: string | null; plannedActivities: string[] }> {
  const [plan] = await executor
    .select({ id: carePlans.id, activities: carePlans.activities })
    .from(carePlans)
    .where(
      and(
        eq(carePlans.clientId, clientId),
        isNull(carePlans.deletedAt),
        carePlanId ? eq(carePlans.id, carePlanId) : eq(carePlans.status, 'ACTIVE'),
      ),
    );
  if (carePlanId && !plan) {
    throw new UnprocessableError('carePlanId is not a care plan of this client', [
      refused('carePlanId', "must be one of the client's care plans"),
    ]);
  }
  const codes = (plan?.activities ?? []).map((activity) => activity.code);
  assertPlannedActivities(codes, plannedActivities);
  return { carePlanId: plan?.id ?? null, plannedActivities: plannedActivities ?? codes };
}

export function assertPlannedActivities(planCodes: string[], requested: string[] | undefined): void {
  const unknown = (requested ?? []).filter((code) => !planCodes.includes(code));
  if (unknown.length > 0) {
    throw new UnprocessableError(`Not activities of the care plan: ${unknown.join(', ')}`, [
      refused('plannedActivities', `unknown codes: ${unknown.join(', ')}`),
    ]);
  }
}

export async function carePlanActivityCodes(executor: Executor, carePlanId: string | null): Promise<string[]> {
  if (!carePlanId) return [];
  const [plan] = await executor
    .select({ activities: carePlans.activities })
    .from(carePlans)
    .where(eq(carePlans.id, carePlanId));
  return (plan?.activities ?? []).map((activity) => activity.code);
}

/**
 * The 409 naming the clashing visit: id and times always, its client when the caller may see that
 * visit (a worker shared with another team may have visits whose client the caller must not learn).
 */
export function clashError(clash: BookedSlot, client: PersonSummary | null = null): ConflictError {
  return new ConflictError('The worker already has a visit at that time', {
    clashingVisitId: clash.id,
    scheduledStart: clash.scheduledStart.toISOString(),
    scheduledEnd: clash.scheduledEnd.toISOString(),
    client,
  });
}

/**
 * After the exclusion constraint refused a write (the transaction has rolled back), the 409
 * naming the visit it clashed with.
 */
export async function clashAfterViolation(
  executor: Executor,
  workerId: string,
  range: TimeRange,
  exceptIds: string[] = [],
  actor?: Actor,
): Promise<ConflictError> {
  const [found] = await clashesFor(executor, workerId, [range], exceptIds);
  if (found) {
    const visible = actor ? await findVisit(executor, found.clash.id, { visibleTo: actor }) : null;
    return clashError(found.clash, visible?.client ?? null);
  }
  // The clashing visit was freed in the meantime; the answer is still a clash.
  return new ConflictError('The worker already had a visit at that time; try again');
}
