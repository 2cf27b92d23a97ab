import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import {
  type updateVisitBodySchema,
  VISIT_DOCUMENTATION_FIELDS,
  VISIT_WRITABLE_FIELDS,
  type VisitView,
  WORKER_AMENDMENT_WINDOW_HOURS,
} from '@caretracker/shared';
import type { z } from 'zod';
import type { Actor } from '../../context/request-context';
import { ConflictError, ForbiddenError, UnprocessableError, ValidationError } from '../../errors/app-errors';
import { changedValues } from '../audit/service';
import {
  assertNotPast,
  assertPlannedActivities,
  carePlanActivityCodes,
  clashAfterViolation,
  fieldsForbidden,
  refused,
  requireWorker,
} from './booking';
import { findVisit, isOverlapViolation, type VisitInsert, type VisitRecord, writeVisitChanges } from './queries';
import type { VisitsContext } from './service';
import { auditValues, writableValues } from './shape';

type UpdateVisitInput = z.output<typeof updateVisitBodySchema>;
const META_FIELDS = ['version', 'reasonCode', 'reasonNote'];
const SCHEDULE_FIELDS = ['workerId', 'scheduledStart', 'scheduledEnd'];

/** The fields this actor may write on this visit; a worker's completed visit only within the amendment window. */
function writableFields(actor: Actor, record: VisitRecord, now: number): readonly string[] {
  const { visit } = record;
  if (actor.role !== 'WORKER' || visit.status !== 'COMPLETED') return VISIT_WRITABLE_FIELDS[actor.role];
  const windowEnds = (visit.checkOutAt?.getTime() ?? 0) + WORKER_AMENDMENT_WINDOW_HOURS * 3_600_000;
  return now <= windowEnds ? VISIT_DOCUMENTATION_FIELDS : [];
}

/** The values the update asks for, as `writableValues` holds them; null clears. */
function requestedValues(body: UpdateVisitInput, fields: string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    const value = (body as Record<string, unknown>)[field] ?? null;
    values[field] =
      (field === 'scheduledStart' || field === 'scheduledEnd') && typeof value === 'string'
        ? new Date(value).toISOString()
        : value;
  }
  return values;
}

function toColumns(values: Record<string, unknown>): Partial<VisitInsert> {
  const columns: Record<string, unknown> = { ...values };
  for (const field of ['scheduledStart', 'scheduledEnd']) {
    if (typeof columns[field] === 'string') columns[field] = new Date(columns[field] as string);
  }
  return columns as Partial<VisitInsert>;
}

/** `PUT /visits/:id`: plain changes before check-out; after it, amendments that keep the original and a reason code. */
export function createVisitUpdate({ db, audit, events, guard, load }: VisitsContext) {
  async function validate(actor: Actor, record: VisitRecord, body: UpdateVisitInput, fields: string[]) {
    const { visit } = record;
    const start = body.scheduledStart ? new Date(body.scheduledStart) : visit.scheduledStart;
    const end = body.scheduledEnd ? new Date(body.scheduledEnd) : visit.scheduledEnd;
    if (end <= start) {
      throw new ValidationError('Invalid request: body.scheduledEnd', [
        { field: 'body.scheduledEnd', message: 'must be after scheduledStart' },
      ]);
    }
    if (visit.status !== 'COMPLETED' && body.scheduledStart) assertNotPast(start, 'scheduledStart');
    if (body.workerId && body.workerId !== visit.workerId) await requireWorker(db, actor, body.workerId);
    if (body.plannedActivities) {
      assertPlannedActivities(await carePlanActivityCodes(db, visit.carePlanId), body.plannedActivities);
    }
    const workerId = fields.includes('workerId') ? (body.workerId ?? null) : visit.workerId;
    return { start, end, workerId };
  }

  /** Status rules: final visits do not change, a visit under way keeps its schedule, a completed one needs a reason. */
  function assertChangeable(record: VisitRecord, body: UpdateVisitInput, fields: string[]) {
    const { status } = record.visit;
    if (status === 'CANCELLED' || status === 'NO_SHOW' || status === 'RESCHEDULED') {
      throw new ConflictError(`A ${status.toLowerCase().replace('_', '-')} visit does not change`, { status });
    }
    if (status === 'IN_PROGRESS' && fields.some((field) => SCHEDULE_FIELDS.includes(field))) {
      throw new ConflictError('A visit under way keeps its worker and times', { status });
    }
    if (status === 'COMPLETED' && !body.reasonCode) {
      throw new UnprocessableError('Changing a completed visit needs a reason code', [
        refused('reasonCode', 'is required to amend a completed visit'),
      ]);
    }
  }

  async function writeAmendments(
    executor: Executor,
    actor: Actor,
    visitId: string,
    changes: { oldValues: Record<string, unknown>; newValues: Record<string, unknown> },
    body: UpdateVisitInput,
  ) {
    const changedAt = new Date();
    await executor.insert(schema.visitAmendments).values(
      Object.keys(changes.newValues).map((field) => ({
        visitId,
        field,
        oldValue: changes.oldValues[field] ?? null,
        newValue: changes.newValues[field] ?? null,
        reasonCode: body.reasonCode as string,
        note: body.reasonNote ?? null,
        changedBy: actor.id,
        changedAt,
      })),
    );
  }

  return {
    async update(actor: Actor, id: string, body: UpdateVisitInput): Promise<VisitView> {
      const record = await guard.requireVisible(actor, id, 'update');
      const fields = Object.keys(body).filter((key) => !META_FIELDS.includes(key));
      const allowed = writableFields(actor, record, Date.now());
      const refusedFields = fields.filter((field) => !allowed.includes(field));
      if (refusedFields.length > 0) {
        const error =
          actor.role === 'WORKER' && record.visit.status === 'COMPLETED' && allowed.length === 0
            ? new ForbiddenError(
                `Workers amend their documentation within ${WORKER_AMENDMENT_WINDOW_HOURS} hours of check-out; ask your supervisor`,
              )
            : fieldsForbidden(refusedFields, 'is not yours to change');
        await guard.deny(id, `fields not writable: ${refusedFields.join(', ')}`, error);
      }
      assertChangeable(record, body, fields);
      const { start, end, workerId } = await validate(actor, record, body, fields);

      try {
        await db.transaction(async (tx) => {
          const before = await findVisit(tx, id, { lock: true });
          if (!before) throw new ConflictError('This visit was deleted meanwhile');
          if (before.visit.status !== record.visit.status) {
            throw new ConflictError('This visit changed status meanwhile; reload and try again', {
              status: before.visit.status,
            });
          }
          if (body.version !== undefined && body.version !== before.visit.version) {
            throw new ConflictError('This visit was changed by someone else; reload and try again', {
              currentVersion: before.visit.version,
            });
          }
          const changes = changedValues(writableValues(before.visit), requestedValues(body, fields));
          if (Object.keys(changes.newValues).length === 0) return;
          const amending = before.visit.status === 'COMPLETED';
          await writeVisitChanges(tx, id, toColumns(changes.newValues), actor.id);
          if (amending) await writeAmendments(tx, actor, id, changes, body);
          await audit.record(
            {
              action: amending ? 'VISIT_AMENDED' : 'VISIT_UPDATED',
              entityType: 'visit',
              entityId: id,
              classification: 'PHI',
              oldValues: auditValues(changes.oldValues),
              newValues: auditValues(changes.newValues),
              metadata: amending ? { reasonCode: body.reasonCode, note: body.reasonNote ?? null } : null,
            },
            tx,
          );
          const reassigned = 'workerId' in changes.newValues;
          await events.visitChanged(tx, 'visit.updated', [id], [], reassigned ? [before.visit.workerId] : []);
        });
      } catch (error) {
        if (workerId && isOverlapViolation(error))
          throw await clashAfterViolation(db, workerId, { start, end }, [id], actor);
        throw error;
      }
      return load(actor, id);
    },
  };
}
