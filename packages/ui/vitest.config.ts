import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'ui',
    // Behaviour tests (test/) against the real API, and component tests beside the code (src/).
    include: ['test/**/*.test.{ts,tsx}', 'src/**/*.test.{ts,tsx}'],
    // A page's globals (jsdom) around code transformed for Node: see test/jsdom-environment.ts.
    environment: './test/jsdom-environment.ts',
    // IndexedDB (fake-indexeddb: the spec's behaviour, in memory); CSS.escape for react-aria.
    setupFiles: ['test/setup.ts', 'src/test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
