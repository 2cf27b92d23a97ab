import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'ui',
    include: ['test/**/*.test.{ts,tsx}', 'src/**/*.test.{ts,tsx}'],
    // A page's globals (jsdom) around code transformed for Node: see test/jsdom-environment.ts.
    environment: './test/jsdom-environment.ts',
    // IndexedDB (fake-indexeddb: the spec's behaviour, in memory).
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
