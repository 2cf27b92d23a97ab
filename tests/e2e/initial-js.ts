// Initial JavaScript per route, from an app's production build: the chunks a first visit to the
// route loads before it is interactive, with their gzip sizes. The source is Next.js's own record,
// `.next/diagnostics/route-bundle-stats.json`, written by every Turbopack production build
// (vercel/next.js#90949): the build manifest's root main files plus the entry chunks of every segment
// of the route (layouts, page) from its client reference manifest. Not in it: the `noModule`
// polyfills, which modern browsers skip, and chunks loaded later by `import()`.
// tests/initial-js.spec.ts checks it against what Chromium downloads.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AppKey } from './routes';

/** Gzip budgets in kB (1 kB = 1000 bytes) for each route's initial JavaScript. */
export const JS_BUDGET_KB: Record<AppKey, number> = { web: 200, 'mobile-web': 200, admin: 300 };

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ChunkSize {
  /** The URL path the browser requests, `/_next/static/chunks/…js`. */
  url: string;
  bytes: number;
  /** zlib's default level (6), as `next start` and the standalone server compress responses. */
  gzipBytes: number;
}

export interface RouteJs {
  route: string;
  chunks: ChunkSize[];
  bytes: number;
  gzipBytes: number;
}

interface RouteBundleStat {
  route: string;
  firstLoadUncompressedJsBytes: number;
  firstLoadChunkPaths: string[];
}

export function statsFile(app: AppKey) {
  return path.join(ROOT, 'apps', app, '.next', 'diagnostics', 'route-bundle-stats.json');
}

/** Initial JS of every route of an app's last build, by route pattern (`/`, `/clients/[id]`). */
export function initialJs(app: AppKey): Map<string, RouteJs> {
  const file = statsFile(app);
  if (!existsSync(file)) {
    throw new Error(`${path.relative(ROOT, file)} is missing: build the app with \`pnpm --filter ${app} build\``);
  }
  const appDir = path.join(ROOT, 'apps', app);
  const sizes = new Map<string, ChunkSize>();
  const sizeOf = (chunkPath: string): ChunkSize => {
    let size = sizes.get(chunkPath);
    if (!size) {
      const content = readFileSync(path.join(appDir, chunkPath));
      size = {
        url: chunkPath.replace(/^\.next\//, '/_next/'),
        bytes: content.length,
        gzipBytes: gzipSync(content).length,
      };
      sizes.set(chunkPath, size);
    }
    return size;
  };
  const stats = JSON.parse(readFileSync(file, 'utf8')) as RouteBundleStat[];
  return new Map(
    stats.map((stat) => {
      const chunks = stat.firstLoadChunkPaths.map(sizeOf);
      const sum = (pick: (chunk: ChunkSize) => number) => chunks.reduce((total, chunk) => total + pick(chunk), 0);
      return [
        stat.route,
        { route: stat.route, chunks, bytes: sum((c) => c.bytes), gzipBytes: sum((c) => c.gzipBytes) },
      ];
    }),
  );
}

export const kB = (bytes: number) => (bytes / 1000).toFixed(1);
