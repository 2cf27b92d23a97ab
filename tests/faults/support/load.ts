// A steady load in the apps' mix, run until stopped: the care worker app's reads (its day, a
// visit, notifications, the account) and writes (check-outs with Idempotency-Keys), each request's
// outcome kept so a case can count what failed, when, and how.
import { call, checkOut, type Outcome, sleep } from './http';

export interface Sample {
  at: number;
  kind: 'read' | 'checkout';
  path: string;
  ms: number;
  outcome: Outcome;
  visitId?: string;
}

export interface Load {
  samples: Sample[];
  stop(): Promise<void>;
}

const READS = ['/visits?limit=20', '/notifications/unread-count', '/auth/me', '/notifications?limit=20'];

/** Another app's reads, sent with its user's token in turn with the care worker's. */
export interface Reader {
  token: () => string;
  paths: string[];
}

/**
 * `width` loops of requests against `base()` (a function, so a case can move the load to another
 * process). Each loop sends reads; every `writeEvery`-th request checks out the next visit of
 * `visitIds` (each visit once, in order), pausing `pauseMs` between requests.
 */
export function startLoad(options: {
  base: () => string;
  token: () => string;
  width: number;
  visitIds?: string[];
  writeEvery?: number;
  pauseMs?: number;
  /** Holds the whole load near this many requests a second (instead of `pauseMs`). */
  ratePerSecond?: number;
  /** The other apps' readers (the portal's client, the dashboard's supervisor): their reads take turns with the worker's. */
  readers?: Reader[];
}): Load {
  const samples: Sample[] = [];
  const pending = [...(options.visitIds ?? [])];
  let running = true;
  let counter = 0;
  const loops = Array.from({ length: options.width }, async () => {
    while (running) {
      counter += 1;
      const write = options.writeEvery && counter % options.writeEvery === 0 ? pending.shift() : undefined;
      const started = Date.now();
      if (write) {
        const outcome = await checkOut(options.base(), options.token(), write);
        samples.push({
          at: started,
          kind: 'checkout',
          path: 'checkout',
          ms: Date.now() - started,
          outcome,
          visitId: write,
        });
      } else {
        const turn = counter % ((options.readers?.length ?? 0) + 1);
        const reader = turn === 0 ? { token: options.token, paths: READS } : options.readers![turn - 1]!;
        const path = reader.paths[Math.floor(counter / ((options.readers?.length ?? 0) + 1)) % reader.paths.length]!;
        const outcome = await call(options.base(), 'GET', path, { token: reader.token(), timeoutMs: 15_000 });
        samples.push({ at: started, kind: 'read', path, ms: Date.now() - started, outcome });
      }
      if (options.ratePerSecond) {
        const interval = (options.width * 1000) / options.ratePerSecond;
        await sleep(Math.max(0, interval - (Date.now() - started)));
      } else {
        await sleep(options.pauseMs ?? 20);
      }
    }
  });
  return {
    samples,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** Failed answers: no answer at all, or a status other than 2xx/`allowed`. */
export function failures(samples: Sample[], allowed: number[] = []): Sample[] {
  return samples.filter((sample) => {
    const status = sample.outcome.status;
    return status === null || (status >= 300 && !allowed.includes(status));
  });
}
