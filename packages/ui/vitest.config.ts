import { defineConfig } from 'vitest/config';

// Component behaviour tests: React in jsdom with Testing Library (src/**/*.test.tsx).
export default defineConfig({
  test: { name: 'ui', include: ['src/**/*.test.{ts,tsx}'], environment: 'jsdom', setupFiles: ['src/test/setup.ts'] },
});
