import type { AvailabilitySlotValue } from '../schema/users';
import { CARE_PROFILES } from './care-profiles';
import { DEMO_CLIENTS, type DemoClient } from './demo-clients';
import { DEMO_WORKERS } from './demo-people';

type Day = AvailabilitySlotValue['day'];

/** When a client's regular visits fall: the primary worker's fixed slot on the chosen days. */
export interface ClientSchedule {
  client: DemoClient;
  days: Day[];
  startTime: string;
  durationMinutes: number;
}

/** A worker's slots start this far apart, so two of their clients' visits never meet. */
const SLOT_SPACING_MINUTES = 150;
const WEEK: Day[] = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

const minutes = (clock: string) => {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  return h * 60 + m;
};
export const clock = (total: number) =>
  `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;

/**
 * Gives each client the n-th slot of their primary worker's day (n = the client's place among
 * that worker's clients), on the days the client wants that the worker works.
 */
export function planSchedules(): ClientSchedule[] {
  const placeInCaseload = new Map<string, number>();
  return DEMO_CLIENTS.map((client) => {
    const worker = DEMO_WORKERS.find((w) => w.key === client.primary);
    if (!worker?.availability) throw new Error(`demo seed: ${client.primary} has no availability`);
    const place = placeInCaseload.get(worker.key) ?? 0;
    placeInCaseload.set(worker.key, place + 1);
    const care = CARE_PROFILES[client.profile];
    const firstDay = worker.availability[0]!;
    const start = minutes(firstDay.start) + place * SLOT_SPACING_MINUTES;
    const fits = (slot: AvailabilitySlotValue) =>
      minutes(slot.start) <= start && start + care.durationMinutes <= minutes(slot.end);
    const workable = worker.availability.filter(fits).map((slot) => slot.day);
    const wanted = care.days.filter((day) => workable.includes(day));
    const days = wanted.length > 0 ? wanted : workable.slice(0, 2);
    if (days.length === 0) throw new Error(`demo seed: no slot for ${client.person.key}`);
    return {
      client,
      days: WEEK.filter((day) => days.includes(day)),
      startTime: clock(start),
      durationMinutes: care.durationMinutes,
    };
  });
}

const DAY_OF_WEEK: Day[] = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** Whether a worker's weekly availability covers a visit on a local date at a local time. */
export function worksAt(workerKey: string, localDate: string, startTime: string, durationMinutes: number): boolean {
  const day = DAY_OF_WEEK[new Date(`${localDate}T00:00:00Z`).getUTCDay()];
  const start = minutes(startTime);
  const availability = DEMO_WORKERS.find((w) => w.key === workerKey)?.availability ?? [];
  return availability.some(
    (slot) => slot.day === day && minutes(slot.start) <= start && start + durationMinutes <= minutes(slot.end),
  );
}

/** Booked time per worker, so a backup only covers a visit when free (the database forbids overlaps). */
export class WorkerCalendar {
  private readonly booked = new Map<string, Array<[number, number]>>();

  isFree(workerId: string, start: Date, end: Date): boolean {
    const s = start.getTime();
    const e = end.getTime();
    return (this.booked.get(workerId) ?? []).every(([bs, be]) => e <= bs || s >= be);
  }

  book(workerId: string, start: Date, end: Date): void {
    if (!this.isFree(workerId, start, end))
      throw new Error(`demo seed: ${workerId} double-booked at ${start.toISOString()}`);
    const list = this.booked.get(workerId) ?? [];
    list.push([start.getTime(), end.getTime()]);
    this.booked.set(workerId, list);
  }
}
