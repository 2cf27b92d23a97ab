import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AppKey, paramNames, ROUTES } from './routes';

const ROOT = path.resolve(import.meta.dirname, '../..');
const APP_KEYS: AppKey[] = ['web', 'mobile-web', 'admin'];
const PAGE_FILE = /^page\.(tsx|ts|jsx|js|mdx)$/;

/** Every page file under a folder, as paths relative to it. */
function pageFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return pageFiles(path.join(dir, entry.name), relative);
    return PAGE_FILE.test(entry.name) ? [relative] : [];
  });
}

/**
 * The URL pattern a page file serves, as Next.js routes it: route groups `(name)` and parallel
 * slots `@name` add no segment; private folders `_name` and intercepting routes `(.)name` serve no
 * URL of their own (null).
 */
function routeOfPage(file: string): string | null {
  const segments = file.split('/').slice(0, -1);
  if (segments.some((segment) => segment.startsWith('_') || /^\(\.{1,3}\)/.test(segment))) return null;
  const kept = segments.filter((segment) => !/^\(.+\)$/.test(segment) && !segment.startsWith('@'));
  return `/${kept.join('/')}`;
}

const pages = APP_KEYS.flatMap((app) =>
  pageFiles(path.join(ROOT, 'apps', app, 'app')).flatMap((file) => {
    const route = routeOfPage(file);
    return route === null ? [] : [{ app, route, file: `apps/${app}/app/${file}` }];
  }),
);
const key = (app: string, route: string) => `${app} ${route}`;

describe('routeOfPage', () => {
  it('maps page files to the URL patterns Next.js serves', () => {
    expect(routeOfPage('page.tsx')).toBe('/');
    expect(routeOfPage('login/page.tsx')).toBe('/login');
    expect(routeOfPage('(signed-in)/clients/[clientId]/page.tsx')).toBe('/clients/[clientId]');
    expect(routeOfPage('dashboard/@team/page.tsx')).toBe('/dashboard');
    expect(routeOfPage('docs/[[...slug]]/page.mdx')).toBe('/docs/[[...slug]]');
    expect(routeOfPage('_components/page.tsx')).toBeNull();
    expect(routeOfPage('feed/(..)photo/[id]/page.tsx')).toBeNull();
  });
});

describe('tests/e2e/routes.ts', () => {
  it('finds the pages of every app', () => {
    for (const app of APP_KEYS)
      expect(
        pages.some((page) => page.app === app),
        app,
      ).toBe(true);
  });

  it('lists every apps/*/app/**/page.tsx', () => {
    const listed = new Set(ROUTES.map((route) => key(route.app, route.path)));
    const missing = pages
      .filter((page) => !listed.has(key(page.app, page.route)))
      .map((page) => `${page.file} serves ${page.route}: add { app: '${page.app}', path: '${page.route}', … }`);
    expect(missing, 'pages missing from tests/e2e/routes.ts').toEqual([]);
  });

  it('names only pages that exist', () => {
    const served = new Set(pages.map((page) => key(page.app, page.route)));
    const stale = ROUTES.filter((route) => !served.has(key(route.app, route.path))).map(
      (route) => `${route.app} ${route.path}: no apps/${route.app}/app/**/page.tsx serves it`,
    );
    expect(stale, 'entries of tests/e2e/routes.ts without a page').toEqual([]);
  });

  it('lists each route once, named, with its audience and a sample for each parameter', () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const route of ROUTES) {
      const label = key(route.app, route.path);
      if (seen.has(label)) problems.push(`${label}: listed twice`);
      seen.add(label);
      if (!route.title.trim()) problems.push(`${label}: no title`);
      if (route.roles !== 'public' && route.roles.length === 0) problems.push(`${label}: no roles (or 'public')`);
      const names = paramNames(route.path);
      if (typeof route.params === 'object') {
        for (const name of names) if (!route.params[name]) problems.push(`${label}: no sample value for [${name}]`);
      } else if (names.length > 0 && typeof route.params !== 'function') {
        problems.push(`${label}: [${names.join('], [')}] need params (sample values or a resolver)`);
      }
    }
    expect(problems).toEqual([]);
  });
});
