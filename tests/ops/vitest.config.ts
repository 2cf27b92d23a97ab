import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'ops',
    include: ['test/**/*.test.ts'],
    // The suites start API processes and nginx on fixed ports: one file at a time.
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Its own group, after the API integration tests, so the two do not fight for the 2 cores.
    sequence: { groupOrder: 2 },
  },
});
