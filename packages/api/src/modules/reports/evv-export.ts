import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import {
  DEFAULT_CLIENT_TIME_ZONE,
  dateInZone,
  type EvvExport,
  type EvvExportQuery,
  type EvvRecord,
  SERVICE_TYPES,
  type ServiceType,
} from '@caretracker/shared';
import { and, asc, eq, gt, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ReportTable } from './documents';
import { periodBounds } from './visit-report';

const { visits, users, profiles, visitAmendments, evvExceptions } = schema;
const workers = alias(users, 'worker');
const clientProfiles = alias(profiles, 'client_profile');

/** At most this many records per export; the aggregator pages on with `sinceSequence`. */
export const EVV_EXPORT_LIMIT = 5_000;

/**
 * The EVV records of visits with at least one call (check-in) whose scheduled start falls in the
 * period (dates in the agency's time zone), changed after `sinceSequence`, in sequence order.
 */
export async function buildEvvExport(
  db: Executor,
  query: EvvExportQuery,
  visible: SQL | undefined,
  generatedAt: Date,
  agencyTimeZone: string,
): Promise<EvvExport> {
  const bounds = periodBounds(query.from, query.to, agencyTimeZone);
  const rows = await db
    .select({
      visit: visits,
      client: { firstName: users.firstName, lastName: users.lastName },
      mrn: clientProfiles.medicalRecordNumber,
      clientTimeZone: clientProfiles.timezone,
      homeLat: clientProfiles.homeLat,
      homeLng: clientProfiles.homeLng,
      worker: { id: workers.id, firstName: workers.firstName, lastName: workers.lastName },
    })
    .from(visits)
    .innerJoin(users, eq(users.id, visits.clientId))
    .leftJoin(clientProfiles, eq(clientProfiles.userId, visits.clientId))
    .leftJoin(workers, eq(workers.id, visits.workerId))
    .where(
      and(
        isNull(visits.deletedAt),
        isNotNull(visits.checkInAt),
        sql`${visits.scheduledStart} >= ${bounds.start} and ${visits.scheduledStart} < ${bounds.end}`,
        query.sinceSequence !== undefined ? gt(visits.evvSequence, query.sinceSequence) : undefined,
        visible,
      ),
    )
    .orderBy(asc(visits.evvSequence))
    .limit(EVV_EXPORT_LIMIT);

  const ids = rows.map((row) => row.visit.id);
  const [amendments, resolved] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .select()
            .from(visitAmendments)
            .where(inArray(visitAmendments.visitId, ids))
            .orderBy(asc(visitAmendments.changedAt)),
          db
            .select()
            .from(evvExceptions)
            .where(
              and(
                inArray(evvExceptions.visitId, ids),
                eq(evvExceptions.status, 'RESOLVED'),
                isNull(evvExceptions.deletedAt),
              ),
            )
            .orderBy(asc(evvExceptions.resolvedAt)),
        ]);

  const records: EvvRecord[] = rows.map(({ visit, client, mrn, clientTimeZone, homeLat, homeLng, worker }) => {
    const service = SERVICE_TYPES[visit.serviceType as ServiceType] ?? { procedureCode: '', modifiers: [] };
    const timeZone = clientTimeZone ?? DEFAULT_CLIENT_TIME_ZONE;
    const lat = visit.locationLat ?? homeLat;
    const lng = visit.locationLng ?? homeLng;
    const calls: EvvRecord['calls'] = [];
    if (visit.checkInAt && visit.checkInLat !== null && visit.checkInLng !== null) {
      calls.push({
        direction: 'IN',
        callType: 'GPS',
        at: visit.checkInAt.toISOString(),
        lat: visit.checkInLat,
        lng: visit.checkInLng,
        accuracyM: visit.checkInAccuracyM,
        distanceM: visit.checkInDistanceM,
      });
    }
    if (visit.checkOutAt && visit.checkOutLat !== null && visit.checkOutLng !== null) {
      calls.push({
        direction: 'OUT',
        callType: 'GPS',
        at: visit.checkOutAt.toISOString(),
        lat: visit.checkOutLat,
        lng: visit.checkOutLng,
        accuracyM: visit.checkOutAccuracyM,
        distanceM: visit.checkOutDistanceM,
      });
    }
    const changes: EvvRecord['changes'] = [
      ...amendments
        .filter((a) => a.visitId === visit.id)
        .map((a) => ({
          source: 'AMENDMENT' as const,
          subject: a.field,
          reasonCode: a.reasonCode,
          at: a.changedAt.toISOString(),
          by: a.changedBy,
        })),
      ...resolved
        .filter((e) => e.visitId === visit.id)
        .map((e) => ({
          source: 'EXCEPTION' as const,
          subject: e.type,
          reasonCode: e.reasonCode ?? 'OTHER',
          at: (e.resolvedAt ?? e.updatedAt).toISOString(),
          by: e.resolvedBy,
        })),
    ];
    return {
      sequenceId: visit.evvSequence ?? 0,
      visitId: visit.id,
      recordCreatedAt: visit.createdAt.toISOString(),
      status: visit.status,
      service: {
        type: visit.serviceType as ServiceType,
        procedureCode: service.procedureCode,
        modifiers: [...service.modifiers],
      },
      client: { id: visit.clientId, medicalRecordNumber: mrn, firstName: client.firstName, lastName: client.lastName },
      worker: worker?.id ? { id: worker.id, firstName: worker.firstName, lastName: worker.lastName } : null,
      serviceDate: dateInZone(visit.actualStart ?? visit.checkInAt ?? visit.scheduledStart, timeZone),
      timeZone,
      location: lat !== null && lng !== null ? { lat, lng } : null,
      scheduledStart: visit.scheduledStart.toISOString(),
      scheduledEnd: visit.scheduledEnd.toISOString(),
      startTime: (visit.actualStart ?? visit.checkInAt)?.toISOString() ?? null,
      endTime: (visit.actualEnd ?? visit.checkOutAt)?.toISOString() ?? null,
      calls,
      changes,
    };
  });
  return {
    generatedAt: generatedAt.toISOString(),
    from: query.from,
    to: query.to,
    sinceSequence: query.sinceSequence ?? null,
    lastSequence: records.at(-1)?.sequenceId ?? query.sinceSequence ?? null,
    count: records.length,
    records,
  };
}

/** One CSV line per visit with the six elements, both calls and the reason codes of its changes. */
export function evvExportTable(exported: EvvExport): ReportTable {
  const callOf = (record: EvvRecord, direction: 'IN' | 'OUT') => record.calls.find((c) => c.direction === direction);
  const columns = [
    'sequence_id',
    'visit_id',
    'record_created_at',
    'status',
    'service_type',
    'procedure_code',
    'modifiers',
    'client_id',
    'client_mrn',
    'client_name',
    'worker_id',
    'worker_name',
    'service_date',
    'time_zone',
    'location_lat',
    'location_lng',
    'start_time_utc',
    'end_time_utc',
    'call_in_utc',
    'call_in_type',
    'call_in_lat',
    'call_in_lng',
    'call_out_utc',
    'call_out_type',
    'call_out_lat',
    'call_out_lng',
    'change_reason_codes',
  ];
  return {
    title: 'EVV export',
    period: `${exported.from} to ${exported.to} (UTC)`,
    columns: columns.map((key) => ({ key, header: key })),
    rows: exported.records.map((r) => {
      const callIn = callOf(r, 'IN');
      const callOut = callOf(r, 'OUT');
      return {
        sequence_id: r.sequenceId,
        visit_id: r.visitId,
        record_created_at: r.recordCreatedAt,
        status: r.status,
        service_type: r.service.type,
        procedure_code: r.service.procedureCode,
        modifiers: r.service.modifiers.join(';'),
        client_id: r.client.id,
        client_mrn: r.client.medicalRecordNumber,
        client_name: `${r.client.firstName} ${r.client.lastName}`,
        worker_id: r.worker?.id ?? null,
        worker_name: r.worker ? `${r.worker.firstName} ${r.worker.lastName}` : null,
        service_date: r.serviceDate,
        time_zone: r.timeZone,
        location_lat: r.location?.lat ?? null,
        location_lng: r.location?.lng ?? null,
        start_time_utc: r.startTime,
        end_time_utc: r.endTime,
        call_in_utc: callIn?.at ?? null,
        call_in_type: callIn?.callType ?? null,
        call_in_lat: callIn?.lat ?? null,
        call_in_lng: callIn?.lng ?? null,
        call_out_utc: callOut?.at ?? null,
        call_out_type: callOut?.callType ?? null,
        call_out_lat: callOut?.lat ?? null,
        call_out_lng: callOut?.lng ?? null,
        change_reason_codes: r.changes.map((c) => `${c.subject}:${c.reasonCode}`).join(';'),
      };
    }),
  };
}
