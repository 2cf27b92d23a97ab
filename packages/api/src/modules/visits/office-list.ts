import type { OfficeVisitItem, OfficeVisitsQuery } from '@caretracker/shared';
import type { Actor } from '../../context/request-context';
import { ForbiddenError, ValidationError } from '../../errors/app-errors';
import type { AuditService } from '../audit/service';
import { type Cursor, cappedCount, officeConditions, officeItem, officeVisitPage } from './office-queries';
import type { VisitsContext } from './service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(row: { scheduledStart: Date; id: string }): string {
  return Buffer.from(`${row.scheduledStart.toISOString()}|${row.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): Cursor {
  const [start, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const at = new Date(start ?? '');
  if (!id || !UUID.test(id) || Number.isNaN(at.getTime())) {
    throw new ValidationError('Invalid request: querystring.cursor', [
      { field: 'querystring.cursor', message: 'is not a cursor this list gave out' },
    ]);
  }
  return { start: at, id };
}

/** The office's screens are for supervisors (their team) and admins; anyone else gets 403, logged. */
export async function requireOffice(audit: AuditService, actor: Actor, screen: string): Promise<void> {
  if (actor.role === 'SUPERVISOR' || actor.role === 'ADMIN') return;
  await audit.recordDenied('visit', null, `${screen} is for supervisors and admins`);
  throw new ForbiddenError(`The ${screen} is for supervisors and admins`);
}

/**
 * `GET /office/visits`: keyset pages over (scheduled_start, id) inside a date range bounded on
 * both sides, with a count capped at OFFICE_COUNT_CAP instead of a count of the whole table.
 */
export function createOfficeList({ db, audit, config }: VisitsContext) {
  return {
    async officeList(actor: Actor, query: OfficeVisitsQuery) {
      await requireOffice(audit, actor, 'visit list');
      const now = new Date();
      const tolerance = config.EVV_TOLERANCE_MINUTES;
      const after = query.cursor ? decodeCursor(query.cursor) : null;
      const where = officeConditions(actor, query, now, tolerance);
      const [rows, count] = await Promise.all([
        officeVisitPage(db, where, { sort: query.sort, limit: query.limit, after }),
        cappedCount(db, where),
      ]);
      const hasMore = rows.length > query.limit;
      const page = rows.slice(0, query.limit);
      if (page.length > 0 && config.HIPAA_AUDIT_ENABLED) {
        await audit.record({
          action: 'PHI_READ',
          entityType: 'visit',
          classification: 'PHI',
          metadata: { visitIds: page.map((row) => row.id), list: 'office' },
        });
      }
      const last = page.at(-1);
      return {
        data: page.map((row) => officeItem(row, now, tolerance)) satisfies OfficeVisitItem[],
        page: {
          limit: query.limit,
          hasMore,
          nextCursor: hasMore && last ? encodeCursor(last) : null,
          count,
        },
        asOf: now.toISOString(),
      };
    },
  };
}
