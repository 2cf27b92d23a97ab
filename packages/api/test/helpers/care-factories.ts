import { schema } from '@caretracker/database';
import type { FastifyInstance } from 'fastify';

const MINUTE = 60_000;

/** Meters north of a point, as a latitude offset (one degree of latitude is ~111,195 m). */
export const northOf = (point: { lat: number; lng: number }, meters: number) => ({
  lat: point.lat + meters / 111_195,
  lng: point.lng,
});

/** Local wall-clock HH:MM of an instant in a zone (for building medication times around "now"). */
export function localClock(instant: Date, timeZone = 'America/Los_Angeles'): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    instant,
  );
}

/** A visit row inserted directly (the visits module's rules are not under test here). */
export async function createVisitRow(
  app: FastifyInstance,
  options: {
    clientId: string;
    workerId: string | null;
    start: Date;
    minutes?: number;
    status?: (typeof schema.visits.$inferInsert)['status'];
    carePlanId?: string | null;
    plannedActivities?: string[];
    rateCents?: number | null;
    locationLat?: number | null;
    locationLng?: number | null;
  },
) {
  const [visit] = await app.deps.db
    .insert(schema.visits)
    .values({
      clientId: options.clientId,
      workerId: options.workerId,
      carePlanId: options.carePlanId ?? null,
      status: options.status ?? 'SCHEDULED',
      serviceType: 'PERSONAL_CARE',
      scheduledStart: options.start,
      scheduledEnd: new Date(options.start.getTime() + (options.minutes ?? 60) * MINUTE),
      plannedActivities: options.plannedActivities ?? [],
      rateCents: options.rateCents ?? null,
      locationLat: options.locationLat ?? null,
      locationLng: options.locationLng ?? null,
    })
    .returning();
  if (!visit) throw new Error('visit insert failed');
  return visit;
}

export interface MedicationSeed {
  name: string;
  dose?: string;
  route?: string;
  times?: string[];
  prn?: boolean;
  prnIndication?: string;
}

/** An ACTIVE care plan with activities and medications, inserted directly. */
export async function createActivePlan(
  app: FastifyInstance,
  options: {
    clientId: string;
    activities?: Array<{ code: string; name: string }>;
    medications?: MedicationSeed[];
  },
) {
  const { db } = app.deps;
  const [plan] = await db
    .insert(schema.carePlans)
    .values({
      clientId: options.clientId,
      status: 'ACTIVE',
      title: 'Test plan',
      activities: options.activities ?? [],
      startsOn: '2026-01-01',
      nextReviewOn: '2027-01-01',
    })
    .returning();
  if (!plan) throw new Error('care plan insert failed');
  const medications = [];
  for (const [position, m] of (options.medications ?? []).entries()) {
    const [row] = await db
      .insert(schema.carePlanMedications)
      .values({
        carePlanId: plan.id,
        name: m.name,
        dose: m.dose ?? '10 mg',
        route: m.route ?? 'ORAL',
        times: m.times ?? [],
        prn: m.prn ?? false,
        prnIndication: m.prnIndication ?? null,
        position,
      })
      .returning();
    if (!row) throw new Error('medication insert failed');
    medications.push(row);
  }
  return { plan, medications };
}
