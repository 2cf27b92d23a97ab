import { schema } from '@caretracker/database';
import type { MedicationHistoryEntry, MedicationHistoryQuery } from '@caretracker/shared';
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { ForbiddenError, NotFoundError } from '../../errors/app-errors';
import type { ModuleDeps } from '../module-deps';
import { visibleUsersCondition } from '../users/relations';
import { recordView } from './emar';

const { users, visits, medicationAdministrations, carePlanMedications } = schema;

export type MedicationHistory = ReturnType<typeof createMedicationHistory>;

/**
 * A client's eMAR across all visits (the client record's history), paged on the server, newest
 * first. The office only: admins any client, supervisors their team's (others 403, a client
 * outside the team 404). Each page read is audited as a PHI read of the client's medicines.
 */
export function createMedicationHistory(deps: Pick<ModuleDeps, 'db' | 'audit'>) {
  const { db, audit } = deps;
  return {
    async list(actor: Actor, clientId: string, query: MedicationHistoryQuery) {
      if (actor.role !== 'ADMIN' && actor.role !== 'SUPERVISOR') {
        await audit.recordDenied('visit_medications', clientId, 'role may not read a client-wide eMAR');
        throw new ForbiddenError('The eMAR history is for the office');
      }
      const [client] = await db
        .select({ id: users.id })
        .from(users)
        .where(
          and(eq(users.id, clientId), eq(users.role, 'CLIENT'), isNull(users.deletedAt), visibleUsersCondition(actor)),
        );
      if (!client) {
        if (actor.role !== 'ADMIN') await audit.recordDenied('visit_medications', clientId, 'client outside the team');
        throw new NotFoundError('Client');
      }
      const where = and(
        eq(visits.clientId, clientId),
        isNull(visits.deletedAt),
        isNull(medicationAdministrations.deletedAt),
      );
      const [rows, [total]] = await Promise.all([
        db
          .select({
            record: medicationAdministrations,
            medication: {
              name: carePlanMedications.name,
              dose: carePlanMedications.dose,
              route: carePlanMedications.route,
              prn: carePlanMedications.prn,
            },
            visit: { id: visits.id, scheduledStart: visits.scheduledStart },
            recorder: { id: users.id, firstName: users.firstName, lastName: users.lastName },
          })
          .from(medicationAdministrations)
          .innerJoin(visits, eq(visits.id, medicationAdministrations.visitId))
          .innerJoin(carePlanMedications, eq(carePlanMedications.id, medicationAdministrations.medicationId))
          .leftJoin(users, eq(users.id, medicationAdministrations.recordedBy))
          .where(where)
          .orderBy(desc(medicationAdministrations.recordedAt), desc(medicationAdministrations.id))
          .limit(query.limit)
          .offset((query.page - 1) * query.limit),
        db
          .select({ value: count() })
          .from(medicationAdministrations)
          .innerJoin(visits, eq(visits.id, medicationAdministrations.visitId))
          .where(where),
      ]);
      await audit.record({
        action: 'PHI_READ',
        entityType: 'visit_medications',
        entityId: clientId,
        classification: 'PHI',
        metadata: { scope: 'client', page: query.page, rows: rows.length },
      });
      const totalCount = total?.value ?? 0;
      const data: MedicationHistoryEntry[] = rows.map((row) => ({
        ...recordView(row.record),
        medication: row.medication,
        visit: { id: row.visit.id, scheduledStart: row.visit.scheduledStart.toISOString() },
        recorder: row.recorder,
      }));
      return {
        data,
        pagination: {
          page: query.page,
          limit: query.limit,
          total: totalCount,
          totalPages: Math.ceil(totalCount / query.limit),
        },
      };
    },
  };
}
