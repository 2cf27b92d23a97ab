import { builtinEnvironments, type Environment } from 'vitest/environments';

/**
 * jsdom's window and document, with modules transformed for Node (`ssr`): hooks and components
 * run in a page-like global, while the real API they talk to is built in the same process and
 * keeps Node's `import.meta.url` (the built-in jsdom environment transforms for the browser,
 * which breaks the database package's migrations path).
 */
export default {
  ...builtinEnvironments.jsdom,
  name: 'jsdom-with-node-modules',
  viteEnvironment: 'ssr',
} satisfies Environment;
