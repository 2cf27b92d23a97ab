// PostgreSQL restarted under load (the suite's own cluster on 5440, `pg_ctl stop -m fast`, then
// start): during the outage requests fail with 503 and Retry-After, quickly, instead of hanging or
// a 500; once the server is back the API's pool recovers by itself (no API restart); every
// check-out is whole or absent, and replaying the refused ones with their keys completes them.
import { afterAll, describe, expect, it } from 'vitest';
import { FAULTS_API_PORTS, type FaultApi, startFaultApi } from '../support/api';
import { checkOutState } from '../support/checkouts';
import { checkOut, login, sleep } from '../support/http';
import { recordFault, skipFault } from '../support/ledger';
import { failures, startLoad } from '../support/load';
import { runCluster } from '../support/postgres-cluster';
import { type Engine, openStore } from '../support/store';
import { visitsInProgress, WORKER } from '../support/world';

const { cluster, problem: clusterProblem } = runCluster();

const FAULT = 'PostgreSQL restarted under load';
if (clusterProblem) skipFault(FAULT, clusterProblem);

describe.skipIf(clusterProblem !== null)(FAULT, () => {
  let api: FaultApi | null = null;
  afterAll(async () => {
    await api?.stop();
    // The run's cluster serves the files after this one: up again even if the case failed midway.
    try {
      cluster?.start();
    } catch {
      // already running
    }
  });

  it('answers 503 during the outage, recovers without a restart, half-applies nothing', async () => {
    const engine: Engine = { kind: 'postgres', url: await cluster!.seededDatabase('faults_restart') };
    const visitIds = await visitsInProgress(engine, 60);
    api = await startFaultApi(FAULTS_API_PORTS[1], engine);
    const { base } = api;
    const token = await login(base, WORKER);

    const load = startLoad({ base: () => base, token: () => token, width: 4, visitIds, writeEvery: 4 });
    await sleep(4_000);
    const down = Date.now();
    cluster!.stop();
    await sleep(6_000);
    cluster!.start();
    const up = Date.now();
    // The pool's broken connections are found and replaced on their next use: a grace of a few seconds.
    await sleep(4_000);
    const recovered = Date.now();
    await sleep(5_000);
    await load.stop();
    const alive = api.service.child.exitCode === null && api.service.child.signalCode === null;

    const before = load.samples.filter((sample) => sample.at + sample.ms < down);
    const during = load.samples.filter((sample) => sample.at > down + 500 && sample.at + sample.ms < up);
    const after = load.samples.filter((sample) => sample.at > recovered);
    const duringNot503 = during.filter((sample) => sample.outcome.status !== 503);
    const duringNoRetryAfter = during.filter((sample) => sample.outcome.status === 503 && !sample.outcome.retryAfter);
    const slowest = Math.max(0, ...during.map((sample) => sample.ms));

    // Check-outs refused (or cut off) during the outage are sent again with their keys.
    const checkouts = load.samples.filter((sample) => sample.kind === 'checkout');
    for (const sample of checkouts) {
      if (sample.outcome.status !== 200) sample.outcome = await checkOut(base, token, sample.visitId!);
    }
    const sent = checkouts.map((sample) => sample.visitId!);
    const store = openStore(engine);
    const state = await checkOutState(store, sent);
    await store.close();
    const lost = checkouts.filter((sample) => sample.outcome.status !== 200 || !state.applied.has(sample.visitId!));

    recordFault({
      fault: FAULT,
      survived:
        alive &&
        failures(before).length === 0 &&
        duringNot503.length === 0 &&
        failures(after).length === 0 &&
        lost.length === 0,
      requestsLost: failures(after).length + lost.length,
      recordsInconsistent: state.inconsistent.size,
      note: `${before.length} requests before, ${during.length} during the outage (slowest answer ${slowest} ms), ${after.length} after; ${sent.length} check-outs`,
    });
    const describe = (samples: typeof during) =>
      samples
        .slice(0, 5)
        .map((s) => `${s.path}: ${s.outcome.status ?? s.outcome.error} ${JSON.stringify(s.outcome.body)}`);
    expect(alive, `the API process died:\n${api.service.output().slice(-4000)}`).toBe(true);
    expect(describe(failures(before)), 'failures before the outage').toEqual([]);
    expect(during.length, 'requests answered during the outage').toBeGreaterThan(0);
    expect(describe(duringNot503), 'answers other than 503 during the outage').toEqual([]);
    expect(describe(duringNoRetryAfter), '503s without Retry-After').toEqual([]);
    expect(describe(failures(after)), 'failures once PostgreSQL was back').toEqual([]);
    expect(state.inconsistent).toEqual(new Map());
    expect(describe(lost), 'check-outs lost').toEqual([]);
  });
});
