import { defineConfig } from 'vitest/config';

/** `pnpm test:unit`: every package's Vitest project (API integration, shared units, the route list). */
export default defineConfig({
  test: {
    projects: ['packages/api', 'packages/database', 'packages/shared', 'tests/ops', 'tests/e2e'],
  },
});
