import { defineConfig } from 'vitest/config';

// The unit checks beside the Playwright suite (the route list); the journeys in tests/ are Playwright's.
export default defineConfig({
  test: {
    name: 'e2e-lists',
    include: ['*.test.ts'],
  },
});
