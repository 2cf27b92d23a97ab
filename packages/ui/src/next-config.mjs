// Plain JavaScript: Node loads next.config.mjs without transpiling it, so this file cannot be TypeScript.
import path from 'node:path';
import createNextIntlPlugin from 'next-intl/plugin';

const workspaceRoot = path.resolve(import.meta.dirname, '../../..');

/** @typedef {{ key: string, value: string }} Header */
/** @typedef {{ source: string, headers: Header[] }} HeaderRule */

/** Sent on every response of every app. */
const SECURITY_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
];

// next-intl reads each app's i18n/request.ts (locale from the NEXT_LOCALE cookie, the messages).
// The messages (the app's own and the shared ones) are compiled at build time, so the browser
// formats them without shipping or running an ICU parser (about 10 kB gzipped on every page).
const withNextIntl = createNextIntlPlugin({
  requestConfig: './i18n/request.ts',
  experimental: {
    messages: {
      format: 'json',
      path: ['./messages', path.relative(process.cwd(), path.join(import.meta.dirname, 'i18n/messages'))],
      locales: 'infer',
      precompile: true,
    },
  },
});

/**
 * The Next.js config the three apps share: a standalone build traced from the workspace root, the
 * workspace packages transpiled from source, next-intl, and the security headers on every path.
 *
 * @param {{ headers?: HeaderRule[] }} [options] `headers`: the app's own rules, after the shared one.
 * @returns {import('next').NextConfig}
 */
export function createNextConfig({ headers = [] } = {}) {
  return withNextIntl({
    output: 'standalone',
    poweredByHeader: false,
    reactStrictMode: true,
    transpilePackages: ['@caretracker/ui', '@caretracker/shared'],
    outputFileTracingRoot: workspaceRoot,
    turbopack: { root: workspaceRoot },
    async headers() {
      return [{ source: '/:path*', headers: SECURITY_HEADERS }, ...headers];
    },
  });
}
