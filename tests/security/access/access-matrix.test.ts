import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SecurityApp, startSecurityApp } from '../support/app';
import { hasPostgres } from '../support/database';
import { appRoutes } from '../support/routes';
import { createWorld, type World } from '../support/world';
import { ENDPOINTS, UNDOCUMENTED } from './endpoints';
import { type Entry, runEntry } from './harness';

const entryName = (entry: Entry) =>
  'variant' in entry && entry.variant ? `${entry.route} (${entry.variant})` : entry.route;

/**
 * Every endpoint × every role (and signed out) × a record of the caller's own, of their team, of
 * another team and of a client outside every team: the answer the matrix in `@caretracker/shared`
 * expects, no refused call writing anything, and no answer naming a record the caller may not see.
 */
describe.skipIf(!hasPostgres())('access matrix', () => {
  let server: SecurityApp;
  let world: World;

  beforeAll(async () => {
    server = await startSecurityApp();
    world = await createWorld(server.app);
  });
  afterAll(() => server?.close());

  it('has one entry per route of the API, and no entry for a route that does not exist', () => {
    const routes = appRoutes(server.app);
    const entries = ENDPOINTS.map((entry) => entry.route as string);
    const missing = routes.filter((route) => !entries.includes(route));
    const stale = entries.filter((route) => !routes.includes(route));
    const names = ENDPOINTS.map(entryName);
    const twice = names.filter((name, index) => names.indexOf(name) !== index);
    const documented = new Set(
      Object.entries((server.app.swagger() as { paths: Record<string, object> }).paths).flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    );
    expect(
      routes.filter((route) => !documented.has(route)),
      'routes the OpenAPI document leaves out',
    ).toEqual([...UNDOCUMENTED].sort());
    expect({ missing, stale, twice }, 'add each missing route to tests/security/access/endpoints.ts').toEqual({
      missing: [],
      stale: [],
      twice: [],
    });
  });

  for (const entry of ENDPOINTS) {
    it(entryName(entry), async () => {
      const results = await runEntry(world, entry);
      const problems = results
        .filter((result) => result.problem !== null)
        .map((result) => `${result.role} ${result.position} (expected ${result.expected}): ${result.problem}`);
      expect(problems).toEqual([]);
    });
  }
});
