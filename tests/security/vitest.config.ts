import { defineConfig } from 'vitest/config';

/**
 * `pnpm test:security`: attacks on the real API (PostgreSQL, each file its own database). The logs
 * project runs after the others and reads what their apps logged; the global setup prints the table
 * of attacks tried, blocked and got through at the end.
 */
const shared = { globalSetup: ['support/global-setup.ts'], testTimeout: 120_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    projects: [
      {
        root: import.meta.dirname,
        test: {
          ...shared,
          name: 'security',
          include: [
            'access/**/*.test.ts',
            'auth/**/*.test.ts',
            'fuzz/**/*.test.ts',
            'storage/**/*.test.ts',
            'transport/**/*.test.ts',
          ],
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        root: import.meta.dirname,
        test: { ...shared, name: 'security-logs', include: ['logs/**/*.test.ts'], sequence: { groupOrder: 1 } },
      },
    ],
  },
});
