'use client';

import { useApi } from '@caretracker/ui/data';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { briefingQuery, datesOf, medicationsQuery, scheduleQuery } from './worker-data';

/** Requests in flight at once: the first screen's own requests and the live socket keep the rest of the line. */
const CONCURRENCY = 2;
/** A briefing fetched in the last few minutes is not fetched again (opening Today twice costs nothing). */
const FRESH_MS = 5 * 60_000;

type Connection = { saveData?: boolean };

/** Whether the phone is online and its user has not asked to save data. */
function mayPrefetch(): boolean {
  if (typeof navigator === 'undefined' || !navigator.onLine) return false;
  return (navigator as Navigator & { connection?: Connection }).connection?.saveData !== true;
}

/** Runs the tasks, at most `limit` at a time; stops taking new ones once `stopped()` says so. */
export async function runPooled(tasks: (() => Promise<unknown>)[], limit: number, stopped: () => boolean) {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length && !stopped()) {
      const task = tasks[next++]!;
      await task().catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

/**
 * Once Today has drawn its list: today's and tomorrow's lists, and for each of their visits the
 * briefing and the doses due, are fetched into the read cache (persisted to the device), so every
 * visit of the two days opens offline, not only those opened with signal. In the background (after
 * the first screen, when the browser is idle), two requests at a time, and not on a phone that is
 * offline or saving data. A query fetched recently is not fetched again.
 */
export function usePrefetchDay(ready: boolean, timeZone: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!ready || !mayPrefetch()) return;
    let stopped = false;
    const run = async () => {
      const days = await Promise.all(
        (['today', 'tomorrow'] as const).map((view) =>
          queryClient
            .fetchQuery({ ...scheduleQuery(api, datesOf(view, timeZone), timeZone), staleTime: FRESH_MS })
            .catch(() => []),
        ),
      );
      const visits = days.flat().filter((visit) => visit.status !== 'CANCELLED');
      const tasks = visits.flatMap((visit) => [
        () => queryClient.prefetchQuery({ ...briefingQuery(api, visit.id), staleTime: FRESH_MS }),
        () => queryClient.prefetchQuery({ ...medicationsQuery(api, visit.id), staleTime: FRESH_MS }),
      ]);
      await runPooled(tasks, CONCURRENCY, () => stopped || !mayPrefetch());
    };
    const idle = typeof requestIdleCallback === 'function';
    const handle = idle
      ? requestIdleCallback(() => void run(), { timeout: 3_000 })
      : window.setTimeout(() => void run(), 1_000);
    return () => {
      stopped = true;
      if (idle) cancelIdleCallback(handle);
      else window.clearTimeout(handle);
    };
  }, [ready, timeZone, api, queryClient]);
}
