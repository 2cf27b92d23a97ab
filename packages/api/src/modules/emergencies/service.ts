import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import type { EmergencyView, ListEmergenciesQuery, RaiseEmergencyBody } from '@caretracker/shared';
import { and, eq, isNull } from 'drizzle-orm';
import { type Actor, ownClientId } from '../../context/request-context';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../../errors/app-errors';
import { familyOfClients } from '../family/queries';
import type { ModuleDeps } from '../module-deps';
import { activeUserIds, type StagedNotification } from '../notifications/service';
import { personName } from '../notifications/wording';
import { respondsToEmergencies } from './access';
import { type AlertRow, addEvent, detailOf, findAlert, listAlerts, summarise } from './queries';
import { alertToJoin, recordRepeat } from './repeats';

const { emergencyAlerts, visits, users } = schema;

export type EmergenciesService = ReturnType<typeof createEmergenciesService>;

/** Who hears of an alert at once: the client's supervisor and every admin. */
export async function firstResponders(executor: Executor, clientId: string): Promise<string[]> {
  const [client] = await executor
    .select({ supervisorId: users.supervisorId })
    .from(users)
    .where(eq(users.id, clientId));
  const admins = await activeUserIds(executor, ['ADMIN']);
  return [...new Set([...(client?.supervisorId ? [client.supervisorId] : []), ...admins])];
}

/**
 * Emergency alerts: raised by a worker (from their visit) or a client, told at once to the
 * client's supervisor and the admins (in-app and email, whatever their preferences), then
 * acknowledged and resolved by a responder. Every step is a timeline event and an audit row.
 */
export function createEmergenciesService(deps: ModuleDeps) {
  const { db, audit, notifier, config } = deps;

  async function requireVisible(actor: Actor, id: string, action: string): Promise<AlertRow> {
    const alert = await findAlert(db, id, actor);
    if (!alert) {
      if (actor.role !== 'ADMIN') await audit.recordDenied('emergency_alert', id, `not visible (${action})`);
      throw new NotFoundError('Emergency alert');
    }
    return alert;
  }

  async function requireResponder(actor: Actor, id: string, action: string): Promise<AlertRow> {
    const alert = await requireVisible(actor, id, action);
    if (!respondsToEmergencies(actor.role)) {
      await audit.recordDenied('emergency_alert', id, `role may not ${action}`);
      throw new ForbiddenError(`Only a supervisor or an admin may ${action} an emergency alert`);
    }
    return alert;
  }

  /** The client the alert is about, from the worker's own visit or the client themself. */
  async function clientFor(actor: Actor, body: RaiseEmergencyBody): Promise<string> {
    if (actor.role === 'SUPERVISOR' || actor.role === 'ADMIN') {
      await audit.recordDenied('emergency_alert', null, 'role may not raise emergency alerts');
      throw new ForbiddenError('Emergency alerts are raised by a care worker or a client');
    }
    if (!body.visitId) {
      if (actor.role === 'CLIENT') return ownClientId(actor);
      throw new UnprocessableError('A care worker raises an emergency from one of their visits', [
        { field: 'body.visitId', message: 'is required for a care worker' },
      ]);
    }
    const owner = actor.role === 'WORKER' ? eq(visits.workerId, actor.id) : eq(visits.clientId, ownClientId(actor));
    const [visit] = await db
      .select({ clientId: visits.clientId })
      .from(visits)
      .where(and(eq(visits.id, body.visitId), isNull(visits.deletedAt), owner));
    if (!visit) {
      await audit.recordDenied('visit', body.visitId, 'emergency alert on a visit not theirs');
      throw new NotFoundError('Visit');
    }
    return visit.clientId;
  }

  /** After commit: urgent email, then live listeners. */
  async function announce(
    alert: AlertRow,
    event: 'RAISED' | 'REPEATED' | 'ACKNOWLEDGED' | 'RESOLVED',
    staged: StagedNotification[],
    userIds: string[],
  ) {
    for (const item of staged) await item.deliver();
    notifier.publish({
      type: 'emergency.changed',
      userIds: [...new Set(userIds)],
      alertId: alert.id,
      status: alert.status,
      event,
    });
  }

  async function respond(actor: Actor, id: string, next: 'ACKNOWLEDGED' | 'RESOLVED', note: string | undefined) {
    const verb = next === 'ACKNOWLEDGED' ? 'acknowledge' : 'resolve';
    await requireResponder(actor, id, verb);
    const { alert, staged, audience } = await db.transaction(async (tx) => {
      const from: Array<AlertRow['status']> = next === 'ACKNOWLEDGED' ? ['OPEN'] : ['OPEN', 'ACKNOWLEDGED'];
      const [current] = await tx.select().from(emergencyAlerts).where(eq(emergencyAlerts.id, id)).for('update');
      if (!current || !from.includes(current.status)) {
        throw new ConflictError(`This alert is already ${current?.status.toLowerCase() ?? 'closed'}`, {
          status: current?.status,
        });
      }
      const now = new Date();
      const bookkeeping = { status: next, updatedAt: now, updatedBy: actor.id, version: current.version + 1 };
      const [updated] = await tx
        .update(emergencyAlerts)
        .set(
          next === 'ACKNOWLEDGED'
            ? { ...bookkeeping, acknowledgedBy: actor.id, acknowledgedAt: now }
            : { ...bookkeeping, resolvedBy: actor.id, resolvedAt: now, resolutionNote: note ?? null },
        )
        .where(eq(emergencyAlerts.id, id))
        .returning();
      if (!updated) throw new Error('emergency alert update returned nothing');
      await addEvent(tx, { alertId: id, type: next, actorId: actor.id, note: note ?? null });
      await audit.record(
        {
          action: next === 'ACKNOWLEDGED' ? 'EMERGENCY_ACKNOWLEDGED' : 'EMERGENCY_RESOLVED',
          entityType: 'emergency_alert',
          entityId: id,
          classification: 'PHI',
          oldValues: { status: current.status },
          newValues: { status: next, note: note ?? null },
        },
        tx,
      );
      const family = (await familyOfClients(tx, [updated.clientId])).map((link) => link.familyUserId);
      // Raised from the client's side (the client or a family member acting for them): all of
      // them are told (the notifier adds the family); raised by a worker: the worker.
      const clientSide = updated.raisedBy === updated.clientId || family.includes(updated.raisedBy);
      const told = await notifier.stage(
        {
          userIds: clientSide ? [updated.raisedBy, updated.clientId] : [updated.raisedBy],
          category: 'EMERGENCY_UPDATE',
          message: {
            key: next === 'ACKNOWLEDGED' ? 'emergencyAcknowledged' : 'emergencyResolved',
            params: { client: await personName(tx, updated.clientId), responder: await personName(tx, actor.id) },
          },
          entityType: 'emergency_alert',
          entityId: id,
        },
        tx,
      );
      const responders = await firstResponders(tx, updated.clientId);
      return {
        alert: updated,
        staged: [told],
        audience: [...responders, updated.raisedBy, updated.clientId, ...family],
      };
    });
    await announce(alert, next, staged, audience);
    return detailOf(db, alert);
  }

  return {
    /**
     * Raises an alert, or (`created: false`) adds the press to the timeline of the client's
     * unresolved alert for the same visit raised within EMERGENCY_REPEAT_WINDOW_MINUTES: one alert
     * and one round of urgent emails however often the button is pressed.
     */
    async raise(actor: Actor, body: RaiseEmergencyBody): Promise<{ alert: EmergencyView; created: boolean }> {
      const clientId = await clientFor(actor, body);
      const visitId = body.visitId ?? null;
      const outcome = await db.transaction(async (tx) => {
        const open = await alertToJoin(tx, clientId, visitId, config.EMERGENCY_REPEAT_WINDOW_MINUTES);
        if (open) {
          await recordRepeat(tx, audit, open, actor, body);
          return { alert: open, staged: [], recipients: await firstResponders(tx, clientId), created: false };
        }
        const [created] = await tx
          .insert(emergencyAlerts)
          .values({
            clientId,
            visitId,
            raisedBy: actor.id,
            message: body.message ?? null,
            lat: body.lat ?? null,
            lng: body.lng ?? null,
            createdBy: actor.id,
            updatedBy: actor.id,
          })
          .returning();
        if (!created) throw new Error('emergency alert insert returned nothing');
        await addEvent(tx, { alertId: created.id, type: 'RAISED', actorId: actor.id, note: body.message ?? null });
        await audit.record(
          {
            action: 'EMERGENCY_RAISED',
            entityType: 'emergency_alert',
            entityId: created.id,
            classification: 'PHI',
            newValues: {
              clientId,
              visitId: created.visitId,
              message: created.message,
              lat: created.lat,
              lng: created.lng,
            },
          },
          tx,
        );
        const recipients = await firstResponders(tx, clientId);
        // Names in the app only: the emailed words name nobody.
        const staged = await notifier.stage(
          {
            userIds: recipients,
            category: 'EMERGENCY',
            message: {
              key: 'emergencyRaised',
              params: {
                client: await personName(tx, clientId),
                raiser: await personName(tx, actor.id),
                // WORKER, the client themself (SELF: "Pat raised an alert", not "…for Pat"), or a family member.
                raisedBy: actor.role === 'WORKER' ? 'WORKER' : actor.id === clientId ? 'SELF' : 'CLIENT',
                at: created.createdAt.toISOString(),
              },
            },
            entityType: 'emergency_alert',
            entityId: created.id,
            urgent: true,
          },
          tx,
        );
        await addEvent(tx, {
          alertId: created.id,
          type: 'NOTIFIED',
          actorId: null,
          note: `In-app and email to ${recipients.length} (the client's supervisor and the admins)`,
        });
        await audit.record(
          {
            action: 'EMERGENCY_NOTIFIED',
            entityType: 'emergency_alert',
            entityId: created.id,
            classification: 'PHI',
            newValues: { recipientIds: recipients },
          },
          tx,
        );
        return { alert: created, staged: [staged], recipients, created: true };
      });
      const { alert, staged, recipients, created } = outcome;
      await announce(alert, created ? 'RAISED' : 'REPEATED', staged, recipients);
      return { alert: await detailOf(db, alert), created };
    },

    acknowledge: (actor: Actor, id: string, note?: string) => respond(actor, id, 'ACKNOWLEDGED', note),
    resolve: (actor: Actor, id: string, note: string) => respond(actor, id, 'RESOLVED', note),

    async list(actor: Actor, query: ListEmergenciesQuery) {
      const { rows, total } = await listAlerts(db, actor, query);
      if (rows.length > 0) {
        await db.transaction(async (tx) => {
          for (const row of rows) await audit.recordPhiRead('emergency_alert', row.id, tx);
        });
      }
      return {
        data: await summarise(db, rows),
        pagination: { page: query.page, limit: query.limit, total, totalPages: Math.ceil(total / query.limit) },
      };
    },

    async get(actor: Actor, id: string): Promise<EmergencyView> {
      const alert = await requireVisible(actor, id, 'read');
      const view = await detailOf(db, alert);
      await audit.recordPhiRead('emergency_alert', id);
      return view;
    },
  };
}
