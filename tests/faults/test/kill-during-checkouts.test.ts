// SIGKILL to the API in the middle of a burst of check-outs, on PostgreSQL and on the embedded
// PGlite default. After the restart each check-out is whole or absent (visit, expense, audit row,
// notifications), none the client was told succeeded is missing, the embedded database opens
// without repair and the audit chain verifies; replaying every request with its Idempotency-Key
// converges to exactly one of each.
import { describe, expect, it } from 'vitest';
import { FAULTS_API_PORTS, startFaultApi } from '../support/api';
import { checkOutState, verifyAuditChain } from '../support/checkouts';
import { checkOut, checkOutKey, login, type Outcome, pool, sleep } from '../support/http';
import { recordFault, skipFault } from '../support/ledger';
import { runCluster } from '../support/postgres-cluster';
import { type Engine, openStore } from '../support/store';
import { migrateAndSeed, pgliteEngine, visitsInProgress, WORKER } from '../support/world';

const { cluster, problem: clusterProblem } = runCluster();

const VISITS = 40;
/** The kill lands once this many check-outs have been answered. */
const KILL_AFTER = 10;
const PORT = FAULTS_API_PORTS[0];

/** Sends the request again while the answer is "wait and retry" (409 + Retry-After) or the API is away. */
async function replay(base: string, token: string, visitId: string): Promise<Outcome> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const outcome = await checkOut(base, token, visitId);
    const retry = outcome.status === null || (outcome.status === 409 && outcome.retryAfter);
    if (!retry || Date.now() > deadline) return outcome;
    await sleep(1_000);
  }
}

async function killDuringCheckouts(name: string, engine: Engine) {
  const visitIds = await visitsInProgress(engine, VISITS);
  let api = await startFaultApi(PORT, engine);
  const token = await login(api.base, WORKER);

  let answered = 0;
  let killed: Promise<void> | null = null;
  const outcomes = await pool(
    8,
    visitIds.map((id) => async () => {
      const outcome = await checkOut(api.base, token, id);
      if (outcome.status !== null) answered += 1;
      if (answered >= KILL_AFTER && !killed) killed = api.kill();
      return outcome;
    }),
  );
  await killed;
  const acknowledged = visitIds.filter((_, index) => {
    const status = outcomes[index]!.status;
    return status !== null && status < 300;
  });
  const cutOff = outcomes.filter((outcome) => outcome.status === null).length;

  // The database as the crash left it, before any API touches it again (PGlite: opened as is).
  const afterCrash = openStore(engine);
  const crashed = await checkOutState(afterCrash, visitIds);
  // A kill between the commit and the stored answer leaves a check-out done and its key unanswered.
  // When this kill did not land there, one acknowledged check-out is put in that state, so the
  // replay of such a key is tested on every run.
  const unanswered = await afterCrash.query<{ key: string }>(`
    select key from idempotency_keys where status_code is null
      and key in (${[...crashed.applied].map((id) => `'${checkOutKey(id)}'`).join(',') || "''"})`);
  if (unanswered.length === 0 && acknowledged[0]) {
    await afterCrash.query(`
      update idempotency_keys set status_code = null, response_body = null, completed_at = null
      where key = '${checkOutKey(acknowledged[0])}'`);
  }
  await afterCrash.close();
  const lostOnCrash = acknowledged.filter((id) => !crashed.applied.has(id));

  api = await startFaultApi(PORT, engine);
  const replayToken = await login(api.base, WORKER);
  const replays = await pool(
    4,
    visitIds.map((id) => () => replay(api.base, replayToken, id)),
  );
  await api.stop();

  const converged = openStore(engine);
  const final = await checkOutState(converged, visitIds);
  await converged.close();
  const audit = verifyAuditChain(engine);
  const refused = replays.filter((outcome) => outcome.status === null || outcome.status >= 300);

  const inconsistent = crashed.inconsistent.size + final.inconsistent.size + (audit.ok ? 0 : 1);
  const lost = lostOnCrash.length + (VISITS - final.applied.size);
  recordFault({
    fault: `SIGKILL during check-outs (${name})`,
    survived: inconsistent === 0 && lost === 0 && refused.length === 0,
    requestsLost: lost,
    recordsInconsistent: inconsistent,
    note: `${unanswered.length} left done but unanswered by the kill, ${acknowledged.length} acknowledged, ${cutOff} cut off, ${crashed.applied.size} applied at the crash; ${final.applied.size}/${VISITS} after replay`,
  });
  expect(crashed.inconsistent, 'half-applied check-outs after the crash').toEqual(new Map());
  expect(lostOnCrash, 'acknowledged check-outs missing after the crash').toEqual([]);
  expect(cutOff, 'the kill cut requests off').toBeGreaterThan(0);
  expect(
    refused.map((outcome) => `${outcome.status ?? outcome.error} ${JSON.stringify(outcome.body)}`),
    'replays that did not converge',
  ).toEqual([]);
  expect(final.inconsistent).toEqual(new Map());
  expect(final.applied.size).toBe(VISITS);
  expect(audit.ok, audit.output).toBe(true);
}

describe('SIGKILL during a burst of check-outs', () => {
  it.skipIf(clusterProblem !== null)('on PostgreSQL: every check-out whole or absent, replays converge', async () => {
    const engine: Engine = { kind: 'postgres', url: await cluster!.seededDatabase('faults_kill') };
    await killDuringCheckouts('PostgreSQL', engine);
  });
  if (clusterProblem) skipFault('SIGKILL during check-outs (PostgreSQL)', clusterProblem);

  it('on the embedded PGlite: opens without repair, every check-out whole or absent, replays converge', async () => {
    const engine = pgliteEngine();
    migrateAndSeed(engine);
    await killDuringCheckouts('PGlite', engine);
  });
});
