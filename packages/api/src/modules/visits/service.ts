import type { Database, Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import type { createVisitBodySchema, listVisitsQuerySchema, VisitDetailView, VisitView } from '@caretracker/shared';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Config } from '../../config/config';
import { type Actor, ownClientId } from '../../context/request-context';
import { NotFoundError } from '../../errors/app-errors';
import type { AuditService } from '../audit/service';
import type { Notifier } from '../notifications/service';
import { personName } from '../notifications/wording';
import type { EventBus } from '../realtime/event-bus';
import { createAvailability } from './availability';
import {
  assertNotPast,
  clashAfterViolation,
  fieldsForbidden,
  requireClient,
  requireWorker,
  resolveCarePlan,
} from './booking';
import { createVisitGuard, type VisitGuard } from './guard';
import { createLifecycle } from './lifecycle';
import { createOccurrenceOperations } from './occurrences';
import { createOfficeList } from './office-list';
import { findVisit, findVisitDetail, insertVisit, isOverlapViolation, listVisibleVisits } from './queries';
import { createScheduleBoard } from './schedule-board';
import { createSeriesOperations } from './series';
import { auditValues, shapeVisit, shapeVisitDetail } from './shape';
import { createVisitUpdate } from './update';

export interface VisitsDeps {
  db: Database;
  config: Config;
  audit: AuditService;
  notifier: Notifier;
  events: EventBus;
}

/** What the parts of the visits service share. */
export interface VisitsContext extends VisitsDeps {
  guard: VisitGuard;
  /** The visit as the actor may read it, fresh from the database. */
  load(actor: Actor, id: string, executor?: Executor): Promise<VisitView>;
}

export type VisitsService = ReturnType<typeof createVisitsService>;
type ListVisitsQuery = z.output<typeof listVisitsQuerySchema>;
type CreateVisitInput = z.output<typeof createVisitBodySchema>;

/**
 * Visits: booking, reading, changing and the lifecycle, each checked per record against the
 * role matrix (outsiders 404, the visible-but-not-allowed 403), one transaction per operation
 * with its audit row. The no-overlap exclusion constraint in the database decides double bookings.
 */
export function createVisitsService(deps: VisitsDeps) {
  const { db, audit, notifier, config, events } = deps;
  const guard = createVisitGuard(db, audit);
  const context: VisitsContext = {
    ...deps,
    guard,
    async load(actor, id, executor = db) {
      const record = await findVisit(executor, id);
      if (!record) throw new NotFoundError('Visit');
      return shapeVisit(record, actor.role);
    },
  };

  /** Who may set what on a new visit; clients only request for themselves, unassigned. */
  async function assertMayBook(actor: Actor, body: CreateVisitInput) {
    if (actor.role === 'CLIENT') {
      await guard.requireAction(actor, null, 'request');
      const refused = [
        body.clientId !== ownClientId(actor) ? 'clientId' : null,
        body.workerId ? 'workerId' : null,
        body.rateCents !== undefined ? 'rateCents' : null,
        body.privateNotes !== undefined ? 'privateNotes' : null,
      ].filter((field): field is string => field !== null);
      if (refused.length > 0) {
        await guard.deny(null, `client request with ${refused.join(', ')}`, fieldsForbidden(refused));
      }
      return;
    }
    await guard.requireAction(actor, null, 'book');
    if (actor.role !== 'ADMIN' && body.rateCents !== undefined) {
      await guard.deny(null, 'billing field by non-admin', fieldsForbidden(['rateCents'], 'admins only'));
    }
    if (actor.role === 'ADMIN' && body.privateNotes !== undefined) {
      await guard.deny(null, 'private notes by admin', fieldsForbidden(['privateNotes'], 'admins read, not write'));
    }
  }

  return {
    ...createLifecycle(context),
    ...createVisitUpdate(context),
    ...createSeriesOperations(context),
    ...createOccurrenceOperations(context),
    ...createAvailability(context),
    ...createOfficeList(context),
    ...createScheduleBoard(context),

    async list(actor: Actor, query: ListVisitsQuery) {
      const { rows, total } = await listVisibleVisits(db, actor, query);
      if (rows.length > 0 && config.HIPAA_AUDIT_ENABLED) {
        await audit.record({
          action: 'PHI_READ',
          entityType: 'visit',
          classification: 'PHI',
          metadata: { visitIds: rows.map((row) => row.visit.id) },
        });
      }
      return {
        data: rows.map((record) => shapeVisit(record, actor.role)),
        pagination: { page: query.page, limit: query.limit, total, totalPages: Math.ceil(total / query.limit) },
      };
    },

    async get(actor: Actor, id: string): Promise<VisitDetailView> {
      // One statement for the visit and its lists; the guard answers (and audits) the refusal.
      const found = await findVisitDetail(db, id, actor);
      if (!found) {
        await guard.requireVisible(actor, id, 'read');
        throw new NotFoundError('Visit');
      }
      await audit.recordPhiRead('visit', id);
      return shapeVisitDetail(found.record, found.history, actor.role);
    },

    /** Books a visit (supervisors, admins) or records a client's request for one (unassigned, supervisor told). */
    async create(actor: Actor, body: CreateVisitInput): Promise<VisitView> {
      await assertMayBook(actor, body);
      const start = new Date(body.scheduledStart);
      const end = new Date(body.scheduledEnd);
      assertNotPast(start, 'scheduledStart');
      const client = await requireClient(db, actor, body.clientId);
      const worker = body.workerId ? await requireWorker(db, actor, body.workerId) : null;
      const plan = await resolveCarePlan(db, client.id, body.carePlanId, body.plannedActivities);
      const isRequest = actor.role === 'CLIENT';

      try {
        const id = await db.transaction(async (tx) => {
          const visit = await insertVisit(tx, {
            clientId: client.id,
            workerId: worker?.id ?? null,
            carePlanId: plan.carePlanId,
            serviceType: body.serviceType,
            scheduledStart: start,
            scheduledEnd: end,
            location: client.address,
            locationLat: client.homeLat,
            locationLng: client.homeLng,
            notes: body.notes ?? null,
            privateNotes: body.privateNotes ?? null,
            plannedActivities: plan.plannedActivities,
            rateCents: body.rateCents ?? worker?.hourlyRateCents ?? null,
            createdBy: actor.id,
            updatedBy: actor.id,
          });
          await audit.record(
            {
              action: isRequest ? 'VISIT_REQUESTED' : 'VISIT_CREATED',
              entityType: 'visit',
              entityId: visit.id,
              classification: 'PHI',
              newValues: auditValues(visit),
            },
            tx,
          );
          if (isRequest) {
            await notifier.notify(
              {
                userIds: await notifier.supervisorsOf(tx, client.id),
                category: 'VISIT_REQUESTED',
                message: {
                  key: 'visitRequested',
                  params: { client: await personName(tx, client.id), start: start.toISOString() },
                },
                entityType: 'visit',
                entityId: visit.id,
              },
              tx,
            );
          }
          await events.visitChanged(tx, 'visit.updated', [visit.id]);
          return visit.id;
        });
        return context.load(actor, id);
      } catch (error) {
        if (worker && isOverlapViolation(error))
          throw await clashAfterViolation(db, worker.id, { start, end }, [], actor);
        throw error;
      }
    },

    /** Soft delete (admins only); the visit's time is freed for the worker. */
    async remove(actor: Actor, id: string): Promise<void> {
      const record = await guard.requireVisible(actor, id, 'delete');
      await guard.requireAction(actor, id, 'delete');
      await db.transaction(async (tx) => {
        const deletedAt = new Date();
        await tx
          .update(schema.visits)
          .set({ deletedAt, updatedAt: deletedAt, updatedBy: actor.id, version: record.visit.version + 1 })
          .where(eq(schema.visits.id, id));
        await audit.record(
          {
            action: 'VISIT_DELETED',
            entityType: 'visit',
            entityId: id,
            classification: 'PHI',
            oldValues: { deletedAt: null, status: record.visit.status },
            newValues: { deletedAt },
          },
          tx,
        );
        await events.visitChanged(tx, 'visit.updated', [id]);
      });
    },
  };
}
