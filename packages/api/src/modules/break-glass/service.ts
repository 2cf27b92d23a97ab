import type { Database, Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { BREAK_GLASS_MINUTES, type BreakGlassGrant, secondsRemaining } from '@caretracker/shared';
import type { NotificationLanguage } from '@caretracker/shared/notification-words';
import { and, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { ForbiddenError, NotFoundError, UnprocessableError } from '../../errors/app-errors';
import type { Mailer } from '../../infra/mailer';
import type { AuditService } from '../audit/service';
import { localTime, readersOf } from '../notifications/wording';
import { relationTo } from '../users/relations';

const { breakGlassGrants, users } = schema;

type GrantRow = typeof breakGlassGrants.$inferSelect;

type Target = BreakGlassGrant['target'];

function view(row: GrantRow, target: Target): BreakGlassGrant {
  const active = !row.revokedAt && row.expiresAt.getTime() > Date.now();
  return {
    id: row.id,
    supervisorId: row.supervisorId,
    targetUserId: row.targetUserId,
    target,
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    active,
    remainingSeconds: active ? secondsRemaining(row.expiresAt) : 0,
  };
}

/** The names of the people grants open, for a list of grants in one query. */
async function targetsOf(executor: Executor, rows: GrantRow[]): Promise<Map<string, NonNullable<Target>>> {
  if (rows.length === 0) return new Map();
  const people = await executor
    .select({ id: users.id, firstName: users.firstName, lastName: users.lastName, role: users.role })
    .from(users)
    .where(inArray(users.id, [...new Set(rows.map((row) => row.targetUserId))]));
  return new Map(people.map(({ id, ...person }) => [id, person]));
}

/** The live grant letting a supervisor open one record outside their team, if any. */
export async function activeBreakGlassGrant(executor: Executor, supervisorId: string, targetUserId: string) {
  const [row] = await executor
    .select({ id: breakGlassGrants.id, expiresAt: breakGlassGrants.expiresAt })
    .from(breakGlassGrants)
    .where(
      and(
        eq(breakGlassGrants.supervisorId, supervisorId),
        eq(breakGlassGrants.targetUserId, targetUserId),
        isNull(breakGlassGrants.revokedAt),
        gt(breakGlassGrants.expiresAt, new Date()),
      ),
    )
    .limit(1);
  return row ?? null;
}

interface EmailValues {
  supervisor: string;
  ends: string;
  grantId: string;
}

/**
 * The admins' email when a grant opens, in each admin's language (their profile's; English when
 * unset). It names the supervisor (staff) but not the person whose record it is, nor the reason
 * (free text that may hold health details): email leaves the system, so those stay in the audit log.
 */
const EMAIL_WORDS: Record<NotificationLanguage, { subject: string; text: (values: EmailValues) => string }> = {
  en: {
    subject: 'Break-glass access opened',
    text: ({ supervisor, ends, grantId }) =>
      [
        `${supervisor} opened a record outside their team under break-glass.`,
        `Access ends at ${ends} (grant ${grantId}). The record and the reason given are in the audit log.`,
      ].join('\n'),
  },
  es: {
    subject: 'Acceso de emergencia abierto',
    text: ({ supervisor, ends, grantId }) =>
      [
        `${supervisor} abrió en modo de emergencia una ficha que no es de su equipo.`,
        `El acceso termina el ${ends} (permiso ${grantId}). La ficha y el motivo indicado están en el registro de auditoría.`,
      ].join('\n'),
  },
};

export type BreakGlassService = ReturnType<typeof createBreakGlassService>;

export function createBreakGlassService(deps: {
  db: Database;
  audit: AuditService;
  mailer: Mailer;
  agencyTimeZone: string;
}) {
  const { db, audit, mailer } = deps;

  return {
    /** A supervisor opens a client's or worker's record outside their team, for a limited time. */
    async open(actor: Actor, input: { userId: string; reason: string }): Promise<BreakGlassGrant> {
      if (actor.role !== 'SUPERVISOR') {
        await audit.recordDenied('break_glass', input.userId, 'only supervisors use break-glass access');
        throw new ForbiddenError('Only supervisors use break-glass access; admins already see every record');
      }
      const [target] = await db
        .select({ id: users.id, role: users.role, firstName: users.firstName, lastName: users.lastName })
        .from(users)
        .where(and(eq(users.id, input.userId), isNull(users.deletedAt)));
      if (!target || (target.role !== 'CLIENT' && target.role !== 'WORKER')) throw new NotFoundError('User');
      if ((await relationTo(db, actor, target.id)) === 'team') {
        throw new UnprocessableError('This person is already in your team; open the record directly');
      }
      const grant = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(breakGlassGrants)
          .values({
            supervisorId: actor.id,
            targetUserId: target.id,
            reason: input.reason,
            expiresAt: new Date(Date.now() + BREAK_GLASS_MINUTES * 60_000),
          })
          .returning();
        if (!row) throw new Error('break-glass insert returned nothing');
        await audit.record(
          {
            action: 'BREAK_GLASS_OPENED',
            entityType: 'user',
            entityId: target.id,
            classification: 'PHI',
            metadata: { grantId: row.id, reason: input.reason, expiresAt: row.expiresAt.toISOString() },
          },
          tx,
        );
        return row;
      });
      const [supervisor] = await db
        .select({ firstName: users.firstName, lastName: users.lastName })
        .from(users)
        .where(eq(users.id, actor.id));
      const admins = await db
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(and(eq(users.role, 'ADMIN'), eq(users.isActive, true), isNull(users.deletedAt)));
      const readerOf = await readersOf(
        db,
        admins.map((admin) => admin.id),
        deps.agencyTimeZone,
      );
      const opener = `${supervisor?.firstName ?? ''} ${supervisor?.lastName ?? ''}`.trim();
      for (const admin of admins) {
        const reader = readerOf(admin.id);
        const words = EMAIL_WORDS[reader.language];
        await mailer.send({
          to: admin.email,
          subject: words.subject,
          text: words.text({
            supervisor: opener,
            ends: localTime(grant.expiresAt, reader),
            grantId: grant.id,
          }),
        });
      }
      return view(grant, { firstName: target.firstName, lastName: target.lastName, role: target.role });
    },

    /** Admins see every grant; supervisors their own. `active`: only those open now, with the time left. */
    async list(actor: Actor, query: { active?: 'true' | 'false' | undefined } = {}): Promise<BreakGlassGrant[]> {
      if (actor.role !== 'ADMIN' && actor.role !== 'SUPERVISOR') {
        await audit.recordDenied('break_glass', null, 'only supervisors and admins list break-glass grants');
        throw new ForbiddenError();
      }
      const rows = await db
        .select()
        .from(breakGlassGrants)
        .where(
          and(
            actor.role === 'SUPERVISOR' ? eq(breakGlassGrants.supervisorId, actor.id) : undefined,
            query.active === 'true'
              ? and(isNull(breakGlassGrants.revokedAt), gt(breakGlassGrants.expiresAt, new Date()))
              : undefined,
          ),
        )
        .orderBy(desc(breakGlassGrants.createdAt))
        .limit(200);
      const targets = await targetsOf(db, rows);
      return rows.map((row) => view(row, targets.get(row.targetUserId) ?? null));
    },

    /** Ends a grant early: its supervisor or any admin; anyone else gets 404 and a denial row. */
    async close(actor: Actor, grantId: string): Promise<BreakGlassGrant> {
      const [row] = await db.select().from(breakGlassGrants).where(eq(breakGlassGrants.id, grantId));
      if (!row || (actor.role !== 'ADMIN' && row.supervisorId !== actor.id)) {
        if (actor.role !== 'ADMIN') await audit.recordDenied('break_glass', grantId, 'not your grant (close)');
        throw new NotFoundError('Break-glass grant');
      }
      return db.transaction(async (tx) => {
        const [closed] = await tx
          .update(breakGlassGrants)
          .set({ revokedAt: row.revokedAt ?? new Date() })
          .where(eq(breakGlassGrants.id, grantId))
          .returning();
        await audit.record(
          {
            action: 'BREAK_GLASS_CLOSED',
            entityType: 'user',
            entityId: row.targetUserId,
            classification: 'PHI',
            metadata: { grantId },
          },
          tx,
        );
        const targets = await targetsOf(tx, [row]);
        return view(closed ?? row, targets.get(row.targetUserId) ?? null);
      });
    },
  };
}
