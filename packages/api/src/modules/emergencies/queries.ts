import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import type { EmergencySummary, EmergencyView, ListEmergenciesQuery } from '@caretracker/shared';
import { and, asc, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { visibleAlertsCondition } from './access';

const { emergencyAlerts, emergencyAlertEvents, users } = schema;

export type AlertRow = typeof emergencyAlerts.$inferSelect;

export async function findAlert(executor: Executor, id: string, visibleTo?: Actor): Promise<AlertRow | undefined> {
  const [row] = await executor
    .select()
    .from(emergencyAlerts)
    .where(
      and(
        eq(emergencyAlerts.id, id),
        isNull(emergencyAlerts.deletedAt),
        visibleTo ? visibleAlertsCondition(visibleTo) : undefined,
      ),
    );
  return row;
}

/** Open first, then acknowledged, then resolved; newest first within each. */
const statusOrder = sql`case ${emergencyAlerts.status} when 'OPEN' then 0 when 'ACKNOWLEDGED' then 1 else 2 end`;

export async function listAlerts(executor: Executor, actor: Actor, query: ListEmergenciesQuery) {
  const where: SQL | undefined = and(
    isNull(emergencyAlerts.deletedAt),
    visibleAlertsCondition(actor),
    query.status ? eq(emergencyAlerts.status, query.status) : undefined,
    query.clientId ? eq(emergencyAlerts.clientId, query.clientId) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    executor
      .select()
      .from(emergencyAlerts)
      .where(where)
      .orderBy(statusOrder, desc(emergencyAlerts.createdAt), desc(emergencyAlerts.id))
      .limit(query.limit)
      .offset((query.page - 1) * query.limit),
    executor.select({ n: count() }).from(emergencyAlerts).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function addEvent(
  executor: Executor,
  event: { alertId: string; type: AlertEventType; actorId: string | null; note?: string | null },
) {
  // clock_timestamp, not now(): events written in one transaction keep their order.
  await executor
    .insert(emergencyAlertEvents)
    .values({ ...event, note: event.note ?? null, createdAt: sql`clock_timestamp()` });
}
export type AlertEventType = (typeof emergencyAlertEvents.$inferInsert)['type'];

const iso = (value: Date | null) => value?.toISOString() ?? null;

/** Alerts with the names of their client and raiser (one query for the people of a whole page). */
export async function summarise(executor: Executor, rows: AlertRow[]): Promise<EmergencySummary[]> {
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.flatMap((row) => [row.clientId, row.raisedBy]))];
  const people = await executor
    .select({ id: users.id, firstName: users.firstName, lastName: users.lastName, role: users.role })
    .from(users)
    .where(inArray(users.id, ids));
  const byId = new Map(people.map((person) => [person.id, person]));
  const personOf = (id: string) => byId.get(id) ?? { id, firstName: '', lastName: '', role: 'UNKNOWN' };
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    client: personOf(row.clientId),
    raisedBy: personOf(row.raisedBy),
    visitId: row.visitId,
    message: row.message,
    lat: row.lat,
    lng: row.lng,
    createdAt: row.createdAt.toISOString(),
    acknowledgedBy: row.acknowledgedBy,
    acknowledgedAt: iso(row.acknowledgedAt),
    escalatedAt: iso(row.escalatedAt),
    resolvedBy: row.resolvedBy,
    resolvedAt: iso(row.resolvedAt),
    resolutionNote: row.resolutionNote,
  }));
}

export async function detailOf(executor: Executor, row: AlertRow): Promise<EmergencyView> {
  const [summary] = await summarise(executor, [row]);
  const events = await executor
    .select()
    .from(emergencyAlertEvents)
    .where(eq(emergencyAlertEvents.alertId, row.id))
    .orderBy(asc(emergencyAlertEvents.createdAt), asc(emergencyAlertEvents.id));
  if (!summary) throw new Error('alert summary missing');
  return {
    ...summary,
    timeline: events.map((event) => ({
      id: event.id,
      type: event.type,
      actorId: event.actorId,
      note: event.note,
      createdAt: event.createdAt.toISOString(),
    })),
  };
}
