// Redis killed (it comes back empty) under check-outs made on replica A of two, a supervisor's
// socket on each replica: every check-out reaches both sockets, as a live event or through a
// `refetch` frame after it (the app reloads through REST); the events A could not publish during
// the outage are sent again once Redis is back, so B's socket hears them too; and live updates
// resume on both after the return.
import { afterAll, describe, expect, it } from 'vitest';
import { type FaultApi, startFaultApi } from '../support/api';
import { checkOutState } from '../support/checkouts';
import { login, sleep } from '../support/http';
import { recordFault, skipFault } from '../support/ledger';
import { type LiveClient, liveClient } from '../support/live';
import { failures, startLoad } from '../support/load';
import { runCluster } from '../support/postgres-cluster';
import { type OwnRedis, ownRedis, redisUnavailableReason } from '../support/redis-server';
import { type Engine, openStore } from '../support/store';
import { SUPERVISOR, visitsInProgress, WORKER } from '../support/world';

const { cluster, problem: clusterProblem } = runCluster();

const FAULT = 'Redis stopped under two replicas (live updates)';
const PORTS = [4212, 4213];
const problem = clusterProblem ?? redisUnavailableReason();
if (problem) skipFault(FAULT, problem);

describe.skipIf(problem !== null)(FAULT, () => {
  let redis: OwnRedis | null = null;
  const apis: FaultApi[] = [];
  const lives: LiveClient[] = [];
  afterAll(async () => {
    for (const live of lives) live.close();
    for (const api of apis) await api.stop();
    await redis?.kill();
  });

  it('every check-out made on A reaches the sockets on A and B, live or by refetch', async () => {
    const engine: Engine = { kind: 'postgres', url: await cluster!.seededDatabase('faults_redis_replicas') };
    const visitIds = await visitsInProgress(engine, 120);
    redis = ownRedis();
    await redis.start();
    apis.push(...(await Promise.all(PORTS.map((port) => startFaultApi(port, engine, { REDIS_URL: redis!.url })))));
    const [a, b] = apis as [FaultApi, FaultApi];
    const token = await login(a.base, WORKER);
    const supervisorToken = await login(a.base, SUPERVISOR);
    const onA = liveClient(a.base.replace('http', 'ws'), 'visits', () => supervisorToken);
    const onB = liveClient(b.base.replace('http', 'ws'), 'visits', () => supervisorToken);
    lives.push(onA, onB);

    const load = startLoad({ base: () => a.base, token: () => token, width: 3, visitIds, writeEvery: 3, pauseMs: 60 });
    await sleep(3_000);
    await redis.kill();
    const down = Date.now();
    await sleep(5_000);
    await redis.start();
    const up = Date.now();
    await sleep(8_000);
    await load.stop();
    await sleep(3_000);

    const store = openStore(engine);
    const checkouts = load.samples.filter((sample) => sample.kind === 'checkout' && sample.outcome.status === 200);
    const state = await checkOutState(
      store,
      checkouts.map((sample) => sample.visitId!),
    );
    await store.close();
    const failed = failures(load.samples);

    const heardBy = (live: LiveClient) =>
      new Set(live.frames.flatMap((frame) => (frame.data?.visit?.id ? [frame.data.visit.id] : [])));
    const missedBy = [onA, onB].map((live) => {
      const heard = heardBy(live);
      return checkouts.filter(
        (sample) =>
          !heard.has(sample.visitId!) &&
          !live.frames.some((frame) => frame.type === 'refetch' && (frame.receivedAt ?? 0) >= sample.at),
      );
    });
    const duringOutage = checkouts.filter((sample) => sample.at > down && sample.at < up);
    const heardOnB = heardBy(onB);
    const replayedToB = duringOutage.filter((sample) => heardOnB.has(sample.visitId!));
    const refetchedB = onB.frames.some((frame) => frame.type === 'refetch' && (frame.receivedAt ?? 0) >= up);
    const afterReturn = checkouts.filter((sample) => sample.at > up + 3_000);
    const notLiveAfter = [onA, onB].map((live) => {
      const heard = heardBy(live);
      return afterReturn.filter((sample) => !heard.has(sample.visitId!)).length;
    });
    const missed = missedBy[0]!.length + missedBy[1]!.length;

    recordFault({
      fault: FAULT,
      survived: failed.length === 0 && missed === 0 && notLiveAfter.every((count) => count === 0),
      requestsLost: failed.length + missed,
      recordsInconsistent: state.inconsistent.size,
      note: `${checkouts.length} check-outs on A, ${duringOutage.length} during the outage: ${replayedToB.length} of them heard on B once Redis returned${refetchedB ? ', B told to refetch' : ''}; ${missed} missed; after the return ${afterReturn.length} check-outs, not heard live on A/B: ${notLiveAfter.join('/')}`,
    });
    expect(
      failed.slice(0, 5).map((s) => `${s.path}: ${s.outcome.status ?? s.outcome.error}`),
      'requests not served',
    ).toEqual([]);
    expect(duringOutage.length, 'check-outs during the outage').toBeGreaterThan(0);
    expect(
      missedBy.map((list) => list.map((sample) => sample.visitId)),
      'check-outs neither heard nor followed by a refetch, on A and on B',
    ).toEqual([[], []]);
    expect(afterReturn.length, 'check-outs after the return').toBeGreaterThan(0);
    expect(notLiveAfter, 'check-outs after the return not heard live on A and B').toEqual([0, 0]);
    expect(state.inconsistent).toEqual(new Map());
  });
});
