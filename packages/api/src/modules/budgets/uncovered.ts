import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import type { UncoveredVisits } from '@caretracker/shared';
import { type SQL, sql } from 'drizzle-orm';

const { visits, users, profiles, budgets } = schema;

/** At most this many uncovered visits per answer. */
export const UNCOVERED_LIMIT = 1000;

interface UncoveredRow {
  id: string;
  client_id: string;
  client_name: string;
  worker_id: string | null;
  status: string;
  service_type: string;
  service_date: string;
  scheduled_start: Date | string;
  scheduled_end: Date | string;
  cost_cents: number | null;
}

/**
 * Booked and completed visits whose date (in the client's time zone, as check-out books a cost)
 * falls in [from, to] on a day no live budget of the client covers. The scheduled start is
 * bounded a day either side first, so the start index does the narrowing.
 */
export async function uncoveredVisits(
  executor: Executor,
  range: { from: string; to: string },
  clients: SQL | undefined,
): Promise<{ rows: UncoveredRow[]; truncated: boolean }> {
  const result = (await executor.execute(sql`
    select v.id, v.client_id, u.first_name || ' ' || u.last_name as client_name, v.worker_id, v.status,
      v.service_type, d.service_date::text as service_date, v.scheduled_start, v.scheduled_end, v.cost_cents
    from ${visits} v
    join ${users} u on u.id = v.client_id
    left join ${profiles} cp on cp.user_id = v.client_id
    cross join lateral (select (v.scheduled_start at time zone coalesce(cp.timezone, 'UTC'))::date as service_date) d
    where v.deleted_at is null
      and v.status in ('SCHEDULED', 'CONFIRMED', 'IN_PROGRESS', 'COMPLETED')
      and v.scheduled_start >= (${range.from}::date - 1)::timestamptz
      and v.scheduled_start < (${range.to}::date + 2)::timestamptz
      and d.service_date between ${range.from}::date and ${range.to}::date
      ${clients ? sql`and v.client_id in ${clients}` : sql``}
      and not exists (select 1 from ${budgets} b where b.client_id = v.client_id and b.deleted_at is null
        and d.service_date between b.period_start and b.period_end)
    order by v.scheduled_start, v.id
    limit ${UNCOVERED_LIMIT + 1}`)) as unknown as { rows: UncoveredRow[] };
  return { rows: result.rows.slice(0, UNCOVERED_LIMIT), truncated: result.rows.length > UNCOVERED_LIMIT };
}

const iso = (value: Date | string) => new Date(value).toISOString();

export function uncoveredView(
  range: { from: string; to: string },
  clientId: string | null,
  found: { rows: UncoveredRow[]; truncated: boolean },
  seesCost: boolean,
): UncoveredVisits {
  const list = found.rows.map((row) => ({
    visitId: row.id,
    clientId: row.client_id,
    clientName: row.client_name,
    workerId: row.worker_id,
    status: row.status,
    serviceType: row.service_type,
    serviceDate: row.service_date,
    scheduledStart: iso(row.scheduled_start),
    scheduledEnd: iso(row.scheduled_end),
    ...(seesCost ? { costCents: row.cost_cents === null ? null : Number(row.cost_cents) } : {}),
  }));
  const completed = list.filter((visit) => visit.status === 'COMPLETED').length;
  return {
    ...range,
    clientId,
    visits: list,
    truncated: found.truncated,
    totals: { visits: list.length, completed, booked: list.length - completed },
  };
}
