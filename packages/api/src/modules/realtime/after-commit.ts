import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database } from '@caretracker/database';

/** Work queued by code running inside a transaction; run once it commits, dropped if it rolls back. */
interface PendingWork {
  settled: boolean;
  tasks: Array<() => void>;
}

const pending = new AsyncLocalStorage<PendingWork>();
const TRACKED = Symbol('caretracker.afterCommitTracked');

/**
 * Makes `db.transaction` remember work queued with `afterCommit` inside it, so an event is
 * published only once the change it announces is visible to everyone (and never for a change
 * that rolled back). Savepoints (`tx.transaction`) are not tracked separately: work queued in a
 * savepoint runs when the outer transaction commits.
 */
export function trackCommits(db: Database): void {
  const target = db as Database & { [TRACKED]?: true };
  if (target[TRACKED]) return;
  target[TRACKED] = true;
  const transaction = db.transaction.bind(db);
  db.transaction = (async (...args: Parameters<Database['transaction']>) => {
    const work: PendingWork = { settled: false, tasks: [] };
    try {
      const result = await pending.run(work, () => transaction(...args));
      work.settled = true;
      for (const task of work.tasks) task();
      return result;
    } finally {
      work.settled = true;
    }
  }) as Database['transaction'];
}

/** Runs `task` after the current transaction commits, or at once outside a transaction. */
export function afterCommit(task: () => void): void {
  const work = pending.getStore();
  if (work && !work.settled) work.tasks.push(task);
  else task();
}
