import {
  CARE_PLAN_REVIEW_REMINDER_DAYS,
  dateInZone,
  dayBoundsInZone,
  type ListFilter,
  OVERVIEW_LIVE_EVENTS,
  type Overview,
  type Tile,
} from '@caretracker/shared';
import type { Actor } from '../../context/request-context';
import { ForbiddenError } from '../../errors/app-errors';
import { listAlerts, summarise } from '../emergencies/queries';
import type { JobRunner } from '../jobs/runner';
import type { ModuleDeps } from '../module-deps';
import { overviewCounts } from './queries';

export type OverviewService = ReturnType<typeof createOverviewService>;

const tile = (count: number, path: string, query: Record<string, string> = {}): Tile => ({
  count,
  filter: { path, query } satisfies ListFilter,
});

/**
 * The office overview: what needs attention now, for an admin across the agency and for a
 * supervisor across their team, each count with the list request that shows the same rows.
 * "Today" is the agency's day (AGENCY_TIMEZONE).
 */
export function createOverviewService(deps: ModuleDeps & { runner: () => JobRunner | null }) {
  const { db, audit, config } = deps;

  async function failedJobs(): Promise<number> {
    const runner = deps.runner();
    if (!runner) return 0;
    const queues = await runner.counts();
    return queues.reduce((sum, queue) => sum + queue.failed, 0);
  }

  return {
    async overview(actor: Actor): Promise<Overview> {
      if (actor.role !== 'ADMIN' && actor.role !== 'SUPERVISOR') {
        await audit.recordDenied('overview', null, 'the office overview is for supervisors and admins');
        throw new ForbiddenError('The overview is for supervisors and admins');
      }
      const now = new Date();
      const timeZone = config.AGENCY_TIMEZONE;
      const today = dateInZone(now, timeZone);
      const day = dayBoundsInZone(today, timeZone);
      const window = {
        now,
        dayStart: day.start,
        dayEnd: day.end,
        today,
        toleranceMinutes: config.EVV_TOLERANCE_MINUTES,
        reviewDueDays: CARE_PLAN_REVIEW_REMINDER_DAYS,
      };
      const [counts, open, failed] = await Promise.all([
        overviewCounts(db, actor, window),
        listAlerts(db, actor, { status: 'OPEN', page: 1, limit: 5 }),
        actor.role === 'ADMIN' ? failedJobs() : Promise.resolve(null),
      ]);
      const latestOpen = await summarise(db, open.rows);
      if (latestOpen.length > 0 && config.HIPAA_AUDIT_ENABLED) {
        await audit.record({
          action: 'PHI_READ',
          entityType: 'emergency_alert',
          classification: 'PHI',
          metadata: { alertIds: latestOpen.map((alert) => alert.id), list: 'overview' },
        });
      }

      const range = { from: day.start.toISOString(), to: day.end.toISOString() };
      const visitsTile = (count: number, query: Record<string, string>) =>
        tile(count, '/office/visits', { ...range, ...query });
      return {
        asOf: now.toISOString(),
        scope: actor.role === 'ADMIN' ? 'AGENCY' : 'TEAM',
        timeZone,
        day: { date: today, start: range.from, end: range.to },
        toleranceMinutes: config.EVV_TOLERANCE_MINUTES,
        visits: {
          total: counts.total,
          upcoming: visitsTile(counts.upcoming, { attention: 'UPCOMING' }),
          inProgress: visitsTile(counts.in_progress, { status: 'IN_PROGRESS' }),
          late: visitsTile(counts.late, { attention: 'LATE' }),
          missed: visitsTile(counts.missed, { attention: 'MISSED' }),
          completed: visitsTile(counts.completed, { status: 'COMPLETED' }),
          cancelled: visitsTile(counts.cancelled, { status: 'CANCELLED' }),
        },
        evvExceptions: {
          ...tile(counts.exception_visits, '/office/visits', { exceptions: 'open' }),
          exceptions: counts.open_exceptions,
        },
        emergencies: {
          open: tile(counts.alerts_open, '/emergencies', { status: 'OPEN' }),
          acknowledged: tile(counts.alerts_acknowledged, '/emergencies', { status: 'ACKNOWLEDGED' }),
          latestOpen,
        },
        doses: {
          ...visitsTile(counts.dose_visits, { doses: 'refused' }),
          refused: counts.refused,
          notGiven: counts.not_given,
        },
        budgets: {
          overThreshold: tile(counts.budgets_over, '/budgets', {
            status: 'ACTIVE',
            periodStart: today,
            periodEnd: today,
            overThreshold: 'true',
          }),
          critical: counts.budgets_critical,
        },
        carePlanReviews: {
          overdue: tile(counts.reviews_overdue, '/careplans', { reviewDue: '0' }),
          dueSoon: tile(counts.reviews_due, '/careplans', { reviewDue: String(CARE_PLAN_REVIEW_REMINDER_DAYS) }),
          dueSoonDays: CARE_PLAN_REVIEW_REMINDER_DAYS,
        },
        expenses: {
          ...tile(counts.pending_budgets, '/budgets', { pendingExpenses: 'true' }),
          expenses: counts.pending_expenses,
          amountCents: Number(counts.pending_cents),
        },
        failedJobs: failed === null ? null : tile(failed, '/admin/jobs/failed', {}),
        liveEvents: [...OVERVIEW_LIVE_EVENTS],
      };
    },
  };
}
