import { defineConfig } from 'vitest/config';

/** `pnpm test:unit`: every package's Vitest project (API integration, shared units, UI components in jsdom, the route list). */
export default defineConfig({
  test: {
    projects: ['packages/api', 'packages/database', 'packages/shared', 'packages/ui', 'tests/ops', 'tests/e2e'],
  },
});
