import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import type { LastVisitNotes, VisitBriefing } from '@caretracker/shared/worker-day';
import { and, desc, eq, lt, ne } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { NotFoundError } from '../../errors/app-errors';
import type { CarePlansService } from '../careplans/service';
import type { UsersService } from '../users/service';
import type { VisitsService } from '../visits/service';

const { visits, users } = schema;

export interface WorkerDayDeps {
  db: Executor;
  visits: VisitsService;
  users: UsersService;
  carePlans: CarePlansService;
}

/** A part the caller may not read (a plan not yet active, say) is left out, not an error. */
const orNull = <T>(promise: Promise<T>): Promise<T | null> =>
  promise.catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });

/** The client's last completed visit before this one: its notes for the next worker, by whoever made it. */
async function lastVisitNotes(
  db: Executor,
  clientId: string,
  before: Date,
  visitId: string,
): Promise<LastVisitNotes | null> {
  const [row] = await db
    .select({
      id: visits.id,
      actualEnd: visits.actualEnd,
      scheduledEnd: visits.scheduledEnd,
      notes: visits.notes,
      followUpNote: visits.followUpNote,
      workerFirstName: users.firstName,
    })
    .from(visits)
    .leftJoin(users, eq(users.id, visits.workerId))
    .where(
      and(
        eq(visits.clientId, clientId),
        eq(visits.status, 'COMPLETED'),
        lt(visits.scheduledStart, before),
        ne(visits.id, visitId),
      ),
    )
    .orderBy(desc(visits.scheduledStart))
    .limit(1);
  if (!row) return null;
  return {
    visitId: row.id,
    endedAt: (row.actualEnd ?? row.scheduledEnd).toISOString(),
    workerFirstName: row.workerFirstName ?? null,
    notes: row.notes,
    followUpNote: row.followUpNote,
  };
}

export type WorkerDayService = ReturnType<typeof createWorkerDayService>;

/**
 * The care worker app's compact reads. Access is the existing services' own: the visit as the
 * caller may see it (404 for outsiders, denial logged), the client's fields and the plan as the
 * caller may read them; only the last visit's notes are read here, for a visit already allowed.
 */
export function createWorkerDayService({ db, visits: visitsService, users: usersService, carePlans }: WorkerDayDeps) {
  return {
    async briefing(actor: Actor, visitId: string): Promise<VisitBriefing> {
      const visit = await visitsService.get(actor, visitId);
      const [client, carePlan, lastVisit] = await Promise.all([
        orNull(usersService.get(actor, visit.clientId)),
        visit.carePlanId ? orNull(carePlans.get(actor, visit.carePlanId)) : Promise.resolve(null),
        lastVisitNotes(db, visit.clientId, new Date(visit.scheduledStart), visit.id),
      ]);
      return { visit, client, carePlan, lastVisit };
    },
  };
}
