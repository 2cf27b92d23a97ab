import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINTS, UNDOCUMENTED } from '../access/endpoints';
import { type SecurityApp, startSecurityApp } from '../support/app';
import { changedTables, tableChecksums } from '../support/checksum';
import { hasPostgres } from '../support/database';
import { recordAttack } from '../support/ledger';
import * as at from '../support/records';
import { createWorld, POSITIONS, type World } from '../support/world';
import { type FuzzRequest, type Operation, operationsOf, requestsFor } from './requests';

/** A fixed seed, printed, so a failure repeats with FUZZ_SEED=<seed> (and FUZZ_RUNS for more runs). */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 10);
/** An error answer is a few fields; a success answer of the fuzzed world fits easily in this. */
const MAX_ERROR_BYTES = 16 * 1024;
const MAX_ANSWER_BYTES = 512 * 1024;

/** Seeds one record of each kind at every position, so generated ids name real records too. */
async function seedRecords(world: World) {
  for (const position of POSITIONS) {
    await at.visitAt(world, position);
    await at.carePlanAt(world, position);
    await at.budgetAt(world, position);
    await at.conversationAt(world, position);
    await at.emergencyAt(world, position);
    await at.visitFileAt(world, position);
    await at.seriesAt(world, position);
    await at.evvExceptionAt(world, position);
  }
}

function polluted(): boolean {
  const probe = {} as Record<string, unknown>;
  return probe.polluted !== undefined || probe.isAdmin !== undefined || probe.role !== undefined;
}

/**
 * Every route of the OpenAPI document with valid, near-valid and hostile parameters, queries and
 * bodies (NUL, lone surrogates, bidi overrides, megabyte strings, deep nesting, prototype keys), as
 * every role and signed out: never a 500, nothing written by a refused request, small answers, and
 * the server's prototypes untouched.
 */
describe.skipIf(!hasPostgres())('schema-driven fuzzing', () => {
  let server: SecurityApp;
  let world: World;
  let ids: string[];
  const operations: Operation[] = [];

  beforeAll(async () => {
    console.log(`fuzz seed ${SEED}, ${RUNS} runs per route (FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} to repeat)`);
    server = await startSecurityApp();
    world = await createWorld(server.app);
    await seedRecords(world);
    ids = POSITIONS.flatMap((position) => [...world.idsAt[position]]);
    operations.push(...operationsOf(server.app.swagger() as never));
  });
  afterAll(() => server?.close());

  async function attempt(operation: Operation, request: FuzzRequest) {
    const caller = request.caller === 'ANONYMOUS' ? null : world.callers[request.caller];
    const before = await tableChecksums(server.app);
    const response = await server.app.inject({
      method: operation.method as 'GET',
      url: request.url,
      headers: {
        ...(caller ? caller.headers : {}),
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(request.body === undefined ? {} : { payload: request.body }),
    });
    const problems: string[] = [];
    if (response.statusCode >= 500) problems.push(`status ${response.statusCode}`);
    const bytes = response.rawPayload.length;
    if (response.statusCode >= 400) {
      const changed = changedTables(before, await tableChecksums(server.app));
      if (changed.length > 0) problems.push(`a ${response.statusCode} wrote ${changed.join(', ')}`);
      if (bytes > MAX_ERROR_BYTES) problems.push(`error answer of ${bytes} bytes`);
      if (!response.body.startsWith('{"success":false')) problems.push('error answer without the error shape');
    } else if (bytes > MAX_ANSWER_BYTES) problems.push(`answer of ${bytes} bytes`);
    if (polluted()) problems.push('Object.prototype polluted');
    const name = `${operation.method} ${operation.path} ${request.mode} as ${request.caller}`;
    recordAttack('fuzzing', name, problems.length === 0);
    const shown =
      request.body && request.body.length > 300
        ? `${request.body.slice(0, 300)}… (${request.body.length} chars)`
        : request.body;
    expect(problems, `${name}: ${request.url.slice(0, 300)} ${shown ?? ''} → ${response.body.slice(0, 300)}`).toEqual(
      [],
    );
  }

  // One test per route of the access table (which the access matrix holds equal to the document's routes).
  // Routes the document leaves out (Swagger UI, metrics, WebSockets) have no schemas to fuzz from.
  const routes = [...new Set(ENDPOINTS.map((entry): string => entry.route))].filter(
    (route) => !UNDOCUMENTED.has(route),
  );
  routes.forEach((route, index) => {
    it(route, async () => {
      const operation = operations.find((candidate) => `${candidate.method} ${candidate.path}` === route);
      if (!operation) throw new Error(`${route} is not in the OpenAPI document`);
      await fc.assert(
        fc.asyncProperty(requestsFor(operation, ids), (request) => attempt(operation, request)),
        { seed: SEED + index, numRuns: RUNS, endOnFailure: true },
      );
    });
  });
});
