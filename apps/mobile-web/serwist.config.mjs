// @ts-check
// `serwist build` (in `pnpm build`, after `next build`): bundles sw/sw.ts with esbuild into
// public/sw.js (git ignores it), with the precache manifest injected. @serwist/next's
// configurator reads the Next.js config and lists the build's static files and public/; the
// pages are added here, as no page is prerendered (each is rendered in the user's language).
import { readFileSync } from 'node:fs';
import { serwist } from '@serwist/next/config';

// Written by `next build`: a page's precached copy is renewed with each build (its HTML names that build's files).
const revision = readFileSync(new URL('./.next/BUILD_ID', import.meta.url), 'utf8').trim();

/** The pages that open offline. Their HTML holds no client data (each screen loads it in the browser). */
const SHELL_PAGES = [
  '/',
  '/login',
  '/hours',
  '/messages',
  '/notifications',
  // The visit screen's frame under a stand-in id (VISIT_SHELL in sw/sw.ts; visit-loader.tsx reads the real id).
  '/visits/offline',
];

export default await serwist({
  swSrc: 'sw/sw.ts',
  swDest: 'public/sw.js',
  additionalPrecacheEntries: SHELL_PAGES.map((url) => ({ url, revision })),
  // Not precached: the service worker's source types and the build's own maps.
  globIgnores: ['**/*.map'],
});
