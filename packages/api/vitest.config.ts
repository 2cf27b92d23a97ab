import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'api',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Files share one PostgreSQL database and one Redis; each writes uniquely named data.
    fileParallelism: true,
    maxWorkers: 2,
    // Its own group, so its worker count does not have to match the unit-test projects'.
    sequence: { groupOrder: 1 },
  },
});
