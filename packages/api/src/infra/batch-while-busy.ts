/**
 * Group commit for small statements that every request sends (the session check, the read's audit
 * row): a call made while `maxInFlight` batches are already running waits for one of them to end
 * and then runs together with every call that arrived meanwhile, as one statement. A call on an
 * idle system runs at once, alone; under load the batches grow instead of the queue of statements.
 *
 * Each caller still waits for its own result (its row committed, its session read after it
 * arrived), so nothing is answered earlier or from a cache. `run` returns one result per item, in
 * order; if it throws, every caller of that batch gets the error.
 *
 * Measured on the 2-core bench machine: each statement a request sends costs the API a socket
 * write and a wake-up of a PostgreSQL backend, which on a busy machine is where its time went.
 */
export function batchWhileBusy<I, O>(
  run: (items: I[]) => Promise<O[]>,
  options: { maxBatch: number; maxInFlight: number },
): (item: I) => Promise<O> {
  type Waiting = { item: I; resolve: (value: O) => void; reject: (error: unknown) => void };
  let queue: Waiting[] = [];
  let inFlight = 0;

  function start() {
    while (inFlight < options.maxInFlight && queue.length > 0) {
      const batch = queue.slice(0, options.maxBatch);
      queue = queue.slice(batch.length);
      inFlight++;
      // Inside a promise chain so that a `run` that throws synchronously rejects its batch too.
      Promise.resolve()
        .then(() => run(batch.map((waiting) => waiting.item)))
        .then(
          (results) => {
            for (const [i, waiting] of batch.entries()) {
              if (i < results.length) waiting.resolve(results[i] as O);
              else waiting.reject(new Error('batch returned fewer results than items'));
            }
          },
          (error: unknown) => {
            for (const waiting of batch) waiting.reject(error);
          },
        )
        .finally(() => {
          inFlight--;
          start();
        });
    }
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      start();
    });
}
