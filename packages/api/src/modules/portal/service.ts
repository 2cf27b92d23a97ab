import { schema } from '@caretracker/database';
import { dateInZone, type PortalCareTeam, type PortalHome, type ServiceType } from '@caretracker/shared';
import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Actor, ownClientId } from '../../context/request-context';
import { ForbiddenError } from '../../errors/app-errors';
import { budgetView } from '../budgets/shape';
import { unreadFor } from '../messages/queries';
import type { ModuleDeps } from '../module-deps';

const { users, profiles, visits, budgets, carePlans, careTeamAssignments, conversations, conversationParticipants } =
  schema;

export type PortalService = ReturnType<typeof createPortalService>;

/** Visits still to come or under way: what "next visit" may be. */
const COMING = ['SCHEDULED', 'CONFIRMED', 'IN_PROGRESS'] as const;

/**
 * The client portal's own reads. Every figure is about the caller alone (their visits, budget,
 * plan, conversations, supervisor); the portal is for clients, so other roles are refused (403, logged).
 */
export function createPortalService(deps: ModuleDeps) {
  const { db, audit, config } = deps;

  async function requireClient(actor: Actor, what: string) {
    if (actor.role === 'CLIENT') return;
    await audit.recordDenied('portal', null, `the client portal's ${what} is for clients`);
    throw new ForbiddenError('The client portal is for clients');
  }

  /** The client's supervisor, by name only: the office person who looks after them. */
  async function office(clientId: string) {
    const client = alias(users, 'client');
    const [row] = await db
      .select({ id: users.id, firstName: users.firstName, lastName: users.lastName })
      .from(client)
      .innerJoin(users, eq(users.id, client.supervisorId))
      .where(and(eq(client.id, clientId), isNull(users.deletedAt), eq(users.isActive, true)));
    return { supervisor: row ?? null, phone: config.AGENCY_PHONE };
  }

  async function timeZoneOf(clientId: string): Promise<string> {
    const [row] = await db.select({ timezone: profiles.timezone }).from(profiles).where(eq(profiles.userId, clientId));
    return row?.timezone ?? config.AGENCY_TIMEZONE;
  }

  return {
    async home(actor: Actor): Promise<PortalHome> {
      await requireClient(actor, 'home');
      const now = new Date();
      const clientId = ownClientId(actor);
      const timeZone = await timeZoneOf(clientId);
      const today = dateInZone(now, timeZone);
      const coming = and(
        eq(visits.clientId, clientId),
        isNull(visits.deletedAt),
        inArray(visits.status, [...COMING]),
        gt(visits.scheduledEnd, now),
      );
      const [[next], [upcoming], [budget], [plan], [unread], officeInfo] = await Promise.all([
        db
          .select({
            visit: visits,
            worker: { id: users.id, firstName: users.firstName, lastName: users.lastName },
            hasPhoto: sql<boolean>`${profiles.photoFileId} is not null`,
          })
          .from(visits)
          .leftJoin(users, eq(users.id, visits.workerId))
          .leftJoin(profiles, eq(profiles.userId, visits.workerId))
          .where(coming)
          .orderBy(asc(visits.scheduledStart), asc(visits.id))
          .limit(1),
        db.select({ n: count() }).from(visits).where(coming),
        db
          .select()
          .from(budgets)
          .where(
            and(
              eq(budgets.clientId, clientId),
              eq(budgets.status, 'ACTIVE'),
              isNull(budgets.deletedAt),
              lte(budgets.periodStart, today),
              gte(budgets.periodEnd, today),
            ),
          )
          .orderBy(desc(budgets.periodStart))
          .limit(1),
        db
          .select({ id: carePlans.id, title: carePlans.title, nextReviewOn: carePlans.nextReviewOn })
          .from(carePlans)
          .where(
            and(
              eq(carePlans.clientId, clientId),
              isNull(carePlans.deletedAt),
              or(eq(carePlans.status, 'ACTIVE'), eq(carePlans.status, 'ON_HOLD')),
            ),
          )
          .orderBy(desc(carePlans.status), asc(carePlans.nextReviewOn))
          .limit(1),
        db
          .select({ n: sql<number>`coalesce(sum(${unreadFor(clientId)}), 0)::int` })
          .from(conversations)
          .innerJoin(
            conversationParticipants,
            and(
              eq(conversationParticipants.conversationId, conversations.id),
              eq(conversationParticipants.userId, clientId),
              isNull(conversationParticipants.leftAt),
              isNull(conversationParticipants.deletedAt),
            ),
          )
          .where(isNull(conversations.deletedAt)),
        office(clientId),
      ]);
      const figures = budget ? (await budgetView(db, budget, actor.role)).totals : null;
      // The PHI this answer shows, logged as the records' own reads would be.
      const reads: [string, string | undefined][] = [
        ['visit', next?.visit.id],
        ['budget', budget?.id],
        ['care_plan', plan?.id],
      ];
      for (const [entityType, id] of reads) if (id) await audit.recordPhiRead(entityType, id);
      return {
        asOf: now.toISOString(),
        timeZone,
        nextVisit: next
          ? {
              id: next.visit.id,
              status: next.visit.status,
              serviceType: next.visit.serviceType as ServiceType,
              scheduledStart: next.visit.scheduledStart.toISOString(),
              scheduledEnd: next.visit.scheduledEnd.toISOString(),
              actualStart: next.visit.actualStart?.toISOString() ?? null,
              actualEnd: next.visit.actualEnd?.toISOString() ?? null,
              worker: next.worker?.id ? { ...next.worker, hasPhoto: next.hasPhoto === true } : null,
            }
          : null,
        upcomingCount: upcoming?.n ?? 0,
        budget:
          budget && figures
            ? {
                id: budget.id,
                periodStart: budget.periodStart,
                periodEnd: budget.periodEnd,
                allocationCents: figures.allocationCents,
                usedCents: figures.spentCents + figures.pendingCents,
                remainingCents: figures.remainingCents,
                committedCents: figures.committedCents,
                utilizationPct: figures.utilizationPct,
                alertLevel: figures.alertLevel,
              }
            : null,
        unreadMessages: unread?.n ?? 0,
        carePlan: plan ?? null,
        office: officeInfo,
      };
    },

    async careTeam(actor: Actor): Promise<PortalCareTeam> {
      await requireClient(actor, 'care team');
      const clientId = ownClientId(actor);
      const [workers, officeInfo] = await Promise.all([
        db
          .select({
            id: users.id,
            firstName: users.firstName,
            lastName: users.lastName,
            assignmentRole: careTeamAssignments.assignmentRole,
          })
          .from(careTeamAssignments)
          .innerJoin(users, eq(users.id, careTeamAssignments.workerId))
          .where(
            and(
              eq(careTeamAssignments.clientId, clientId),
              isNull(careTeamAssignments.deletedAt),
              isNull(users.deletedAt),
              eq(users.isActive, true),
              or(isNull(careTeamAssignments.endsOn), sql`${careTeamAssignments.endsOn} >= current_date`),
            ),
          )
          // PRIMARY before BACKUP.
          .orderBy(desc(careTeamAssignments.assignmentRole), asc(users.firstName)),
        office(clientId),
      ]);
      return { workers, office: officeInfo };
    },
  };
}
