import { defineConfig } from 'vitest/config';

/**
 * `pnpm test:faults`: faults injected into real processes — the API (SIGKILL), a PostgreSQL cluster
 * and a Redis of the suite's own (ports 5440 and 6390), nginx on 8090 — one file at a time, since
 * they share those ports. The global setup prints the table of faults at the end.
 */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    name: 'faults',
    include: ['test/**/*.test.ts'],
    globalSetup: ['support/global-setup.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 300_000,
    hookTimeout: 180_000,
  },
});
