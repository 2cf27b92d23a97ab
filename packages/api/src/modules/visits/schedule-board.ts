import { schema } from '@caretracker/database';
import {
  BOOKED_STATUSES,
  dayBoundsInZone,
  type OfficeVisitItem,
  type ScheduleBoard,
  type ScheduleBoardQuery,
} from '@caretracker/shared';
import { and, asc, eq, gte, inArray, isNull, lt, notInArray, or, type SQL } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { ForbiddenError } from '../../errors/app-errors';
import { supervisedUserIds } from '../users/relations';
import { visibleVisitsCondition } from './access';
import { requireOffice } from './office-list';
import { officeItem, selectOfficeRows } from './office-queries';
import type { VisitsContext } from './service';

const { visits, users, profiles } = schema;

/** A board shows at most this many visits; past it `truncated` says so (narrow it to a team or a day). */
export const BOARD_VISIT_LIMIT = 5000;

function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

type Lane = ScheduleBoard['lanes'][number];

/**
 * `GET /office/schedule`: a day or week of visits grouped by worker, with each worker's skills and
 * weekly availability, plus the unassigned lane, in one request. Supervisors see their team's
 * visits and workers; an admin the whole agency or one supervisor's team.
 */
export function createScheduleBoard({ db, audit, config }: VisitsContext) {
  async function teamOf(actor: Actor, requested: string | undefined): Promise<string | null> {
    if (actor.role === 'ADMIN') return requested ?? null;
    if (requested && requested !== actor.id) {
      await audit.recordDenied('visit', null, "another supervisor's scheduling board");
      throw new ForbiddenError("Supervisors see their own team's board");
    }
    return actor.id;
  }

  return {
    async scheduleBoard(actor: Actor, query: ScheduleBoardQuery): Promise<ScheduleBoard> {
      await requireOffice(audit, actor, 'scheduling board');
      const supervisorId = await teamOf(actor, query.supervisorId);
      const timeZone = config.AGENCY_TIMEZONE;
      const to = addDays(query.from, query.days - 1);
      const start = dayBoundsInZone(query.from, timeZone).start;
      const end = dayBoundsInZone(to, timeZone).end;
      const now = new Date();
      const tolerance = config.EVV_TOLERANCE_MINUTES;

      const team = supervisorId ? supervisedUserIds(supervisorId) : null;
      const visitRows = await selectOfficeRows(db)
        .where(
          and(
            isNull(visits.deletedAt),
            visibleVisitsCondition(actor),
            team && actor.role === 'ADMIN'
              ? or(inArray(visits.clientId, team), inArray(visits.workerId, team))
              : undefined,
            gte(visits.scheduledStart, start),
            lt(visits.scheduledStart, end),
            query.includeCancelled === 'true' ? undefined : notInArray(visits.status, ['CANCELLED', 'RESCHEDULED']),
          ),
        )
        .orderBy(asc(visits.scheduledStart), asc(visits.id))
        .limit(BOARD_VISIT_LIMIT + 1);
      const truncated = visitRows.length > BOARD_VISIT_LIMIT;
      const shown = visitRows.slice(0, BOARD_VISIT_LIMIT);

      const workerCondition: SQL | undefined = supervisorId ? eq(users.supervisorId, supervisorId) : undefined;
      const teamWorkers = await db
        .select({
          id: users.id,
          firstName: users.firstName,
          lastName: users.lastName,
          isActive: users.isActive,
          skills: profiles.skills,
          availability: profiles.availability,
          timeZone: profiles.timezone,
        })
        .from(users)
        .leftJoin(profiles, eq(profiles.userId, users.id))
        .where(and(eq(users.role, 'WORKER'), isNull(users.deletedAt), workerCondition))
        .orderBy(asc(users.lastName), asc(users.firstName), asc(users.id));

      const lanes = new Map<string, Lane>();
      for (const worker of teamWorkers) {
        lanes.set(worker.id, {
          worker: {
            ...worker,
            inTeam: true,
            skills: worker.skills ?? [],
            availability: worker.availability ?? [],
          },
          visits: [],
          bookedMinutes: 0,
        });
      }
      const unassigned: OfficeVisitItem[] = [];
      for (const row of shown) {
        const item = officeItem(row, now, tolerance);
        if (!item.worker) {
          unassigned.push(item);
          continue;
        }
        let lane = lanes.get(item.worker.id);
        if (!lane) {
          // A worker from outside the team on one of the team's visits: their lane, without their profile.
          lane = {
            worker: {
              ...item.worker,
              isActive: true,
              inTeam: false,
              skills: null,
              availability: null,
              timeZone: null,
            },
            visits: [],
            bookedMinutes: 0,
          };
          lanes.set(item.worker.id, lane);
        }
        lane.visits.push(item);
        if (BOOKED_STATUSES.includes(row.status)) {
          lane.bookedMinutes += Math.round((row.scheduledEnd.getTime() - row.scheduledStart.getTime()) / 60_000);
        }
      }
      // Inactive workers keep a lane only while they still hold visits in the range.
      const shownLanes = [...lanes.values()].filter((lane) => lane.worker.isActive || lane.visits.length > 0);

      if (shown.length > 0 && config.HIPAA_AUDIT_ENABLED) {
        await audit.record({
          action: 'PHI_READ',
          entityType: 'visit',
          classification: 'PHI',
          metadata: { visitIds: shown.map((row) => row.id), list: 'schedule-board' },
        });
      }
      return {
        from: query.from,
        to,
        timeZone,
        range: { start: start.toISOString(), end: end.toISOString() },
        asOf: now.toISOString(),
        toleranceMinutes: tolerance,
        lanes: shownLanes,
        unassigned,
        truncated,
      };
    },
  };
}
