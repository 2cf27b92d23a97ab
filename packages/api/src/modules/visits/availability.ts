import { schema } from '@caretracker/database';
import { BOOKED_STATUSES, dateInZone, distanceMeters, zonedDateTimeToUtc } from '@caretracker/shared';
import { and, eq, exists, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { NotFoundError } from '../../errors/app-errors';
import { supervisedUserIds } from '../users/relations';
import type { VisitsContext } from './service';

const { users, profiles, visits, carePlans, careTeamAssignments } = schema;

type Slot = { day: string; start: string; end: string };
const WEEKDAY_BY_INDEX = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const minutesOf = (clock: string) => {
  const [hours, minutes] = clock.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
};

function addDay(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/** Local minutes since midnight of an instant in a time zone. */
function localMinutes(instant: Date, timeZone: string): number {
  const clock = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(instant)
    .slice(0, 5);
  return minutesOf(clock);
}

/** The slot cut into pieces of local days: weekday, start and end minute (end 1440 = midnight). */
export function localPieces(from: Date, to: Date, timeZone: string) {
  const pieces: Array<{ day: string; start: number; end: number }> = [];
  let cursor = from;
  while (cursor < to) {
    const date = dateInZone(cursor, timeZone);
    const nextMidnight = zonedDateTimeToUtc(addDay(date), '00:00', timeZone);
    const pieceEnd = nextMidnight < to ? nextMidnight : to;
    pieces.push({
      day: WEEKDAY_BY_INDEX[new Date(`${date}T00:00:00Z`).getUTCDay()] as string,
      start: localMinutes(cursor, timeZone),
      end: pieceEnd === to && to < nextMidnight ? localMinutes(to, timeZone) : 1440,
    });
    cursor = pieceEnd;
  }
  return pieces;
}

/** Whether weekly availability (slots on the same day joined when they touch) covers every piece of the slot. */
export function availabilityCovers(availability: Slot[], from: Date, to: Date, timeZone: string): boolean {
  return localPieces(from, to, timeZone).every((piece) => {
    const slots = availability
      .filter((slot) => slot.day === piece.day)
      .map((slot) => ({ start: minutesOf(slot.start), end: minutesOf(slot.end) }))
      .sort((a, b) => a.start - b.start);
    let reach = piece.start;
    for (const slot of slots) if (slot.start <= reach && slot.end > reach) reach = slot.end;
    return reach >= piece.end;
  });
}

/** `GET /workers/available`: assignment help for supervisors (their team's workers) and admins. */
export function createAvailability({ db, audit, guard }: VisitsContext) {
  async function requireClientFor(actor: Actor, clientId: string) {
    const [client] = await db
      .select({ id: users.id, homeLat: profiles.homeLat, homeLng: profiles.homeLng, timezone: profiles.timezone })
      .from(users)
      .leftJoin(profiles, eq(profiles.userId, users.id))
      .where(
        and(
          eq(users.id, clientId),
          eq(users.role, 'CLIENT'),
          isNull(users.deletedAt),
          actor.role === 'SUPERVISOR' ? inArray(users.id, supervisedUserIds(actor.id)) : undefined,
        ),
      );
    if (!client) {
      if (actor.role !== 'ADMIN') await audit.recordDenied('user', clientId, 'not visible (available workers)');
      throw new NotFoundError('Client');
    }
    return client;
  }

  return {
    async availableWorkers(actor: Actor, query: { from: string; to: string; clientId: string }) {
      await guard.requireAction(actor, null, 'book');
      const from = new Date(query.from);
      const to = new Date(query.to);
      const client = await requireClientFor(actor, query.clientId);
      const [plan] = await db
        .select({ requiredSkills: carePlans.requiredSkills })
        .from(carePlans)
        .where(and(eq(carePlans.clientId, client.id), eq(carePlans.status, 'ACTIVE'), isNull(carePlans.deletedAt)));
      const required = (plan?.requiredSkills ?? []).map((skill) => skill.toLowerCase());

      const busy = db
        .select({ one: sql`1` })
        .from(visits)
        .where(
          and(
            eq(visits.workerId, users.id),
            isNull(visits.deletedAt),
            inArray(visits.status, [...BOOKED_STATUSES]),
            lt(visits.scheduledStart, to),
            gt(visits.scheduledEnd, from),
          ),
        );
      const candidates = await db
        .select({
          id: users.id,
          firstName: users.firstName,
          lastName: users.lastName,
          skills: profiles.skills,
          availability: profiles.availability,
          timezone: profiles.timezone,
          homeLat: profiles.homeLat,
          homeLng: profiles.homeLng,
          careTeamRole: careTeamAssignments.assignmentRole,
        })
        .from(users)
        .leftJoin(profiles, eq(profiles.userId, users.id))
        .leftJoin(
          careTeamAssignments,
          and(
            eq(careTeamAssignments.workerId, users.id),
            eq(careTeamAssignments.clientId, client.id),
            isNull(careTeamAssignments.deletedAt),
            or(isNull(careTeamAssignments.endsOn), sql`${careTeamAssignments.endsOn} >= current_date`),
          ),
        )
        .where(
          and(
            eq(users.role, 'WORKER'),
            eq(users.isActive, true),
            isNull(users.deletedAt),
            actor.role === 'SUPERVISOR' ? eq(users.supervisorId, actor.id) : undefined,
            sql`not ${exists(busy)}`,
          ),
        );

      const clientHome =
        client.homeLat !== null && client.homeLng !== null ? { lat: client.homeLat, lng: client.homeLng } : null;
      return candidates
        .filter((worker) => {
          const skills = new Set((worker.skills ?? []).map((skill) => skill.toLowerCase()));
          if (!required.every((skill) => skills.has(skill))) return false;
          const timeZone = worker.timezone ?? client.timezone ?? 'UTC';
          return availabilityCovers(worker.availability ?? [], from, to, timeZone);
        })
        .map((worker) => ({
          id: worker.id,
          firstName: worker.firstName,
          lastName: worker.lastName,
          skills: worker.skills ?? [],
          distanceMeters:
            clientHome && worker.homeLat !== null && worker.homeLng !== null
              ? Math.round(distanceMeters(clientHome, { lat: worker.homeLat, lng: worker.homeLng }))
              : null,
          onCareTeam: worker.careTeamRole !== null,
          careTeamRole: worker.careTeamRole,
        }))
        .sort(
          (a, b) =>
            (a.distanceMeters ?? Number.POSITIVE_INFINITY) - (b.distanceMeters ?? Number.POSITIVE_INFINITY) ||
            a.lastName.localeCompare(b.lastName) ||
            a.firstName.localeCompare(b.firstName),
        );
    },
  };
}
