// Two API replicas behind the repository's nginx (on 8090), sharing the suite's PostgreSQL and
// Redis; one is killed with SIGKILL mid-load. No request is lost beyond those in flight on it (the
// check-outs among them complete when sent again with their keys), and WebSocket clients reconnect
// through nginx to the other replica with their last event id and miss no event.
import { afterAll, describe, expect, it } from 'vitest';
import { type Nginx, startNginx, which } from '../../ops/test/helpers';
import { FAULTS_API_PORTS, type FaultApi, startFaultApi } from '../support/api';
import { checkOutState } from '../support/checkouts';
import { checkOut, login, sleep } from '../support/http';
import { recordFault, skipFault } from '../support/ledger';
import { type LiveClient, liveClient } from '../support/live';
import { failures, startLoad } from '../support/load';
import { runCluster } from '../support/postgres-cluster';
import { type OwnRedis, ownRedis, redisUnavailableReason } from '../support/redis-server';
import { type Engine, openStore } from '../support/store';
import { SUPERVISOR, visitsInProgress, WORKER } from '../support/world';

const { cluster, problem: clusterProblem } = runCluster();

const FAULT = 'One of two replicas killed behind nginx';
const NGINX_PORT = Number(process.env.FAULTS_NGINX_PORT ?? 8090);
const problem =
  clusterProblem ??
  redisUnavailableReason() ??
  (which('nginx') || which('/usr/sbin/nginx') ? null : 'no nginx (Debian nginx-light)');
if (problem) skipFault(FAULT, problem);

describe.skipIf(problem !== null)(FAULT, () => {
  let redis: OwnRedis | null = null;
  const apis: FaultApi[] = [];
  let nginx: Nginx | null = null;
  const lives: LiveClient[] = [];
  afterAll(async () => {
    for (const live of lives) live.close();
    await nginx?.stop();
    for (const api of apis) await api.stop();
    await redis?.kill();
  });

  it('loses nothing beyond the requests in flight on the killed replica', async () => {
    const engine: Engine = { kind: 'postgres', url: await cluster!.seededDatabase('faults_replicas') };
    const visitIds = await visitsInProgress(engine, 150);
    redis = ownRedis();
    await redis.start();
    const ports = [FAULTS_API_PORTS[5], FAULTS_API_PORTS[6]];
    apis.push(...(await Promise.all(ports.map((port) => startFaultApi(port, engine, { REDIS_URL: redis!.url })))));
    nginx = await startNginx(NGINX_PORT, { api: ports }, 'api');
    const base = nginx.url;
    const token = await login(base, WORKER);
    const supervisorToken = await login(base, SUPERVISOR);
    // Two sockets, so least_conn puts one on each replica.
    for (let index = 0; index < 2; index++)
      lives.push(liveClient(base.replace('http', 'ws'), 'visits', () => supervisorToken));

    const width = 6;
    const load = startLoad({ base: () => base, token: () => token, width, visitIds, writeEvery: 6, pauseMs: 30 });
    await sleep(4_000);
    const killedAt = Date.now();
    await apis[0]!.kill();
    // Requests sent to it until it was gone were in flight on it.
    const deadAt = Date.now();
    await sleep(8_000);
    await load.stop();
    await sleep(2_000);

    const failed = failures(load.samples).map((sample) => ({ ...sample }));
    // In flight on the killed replica: started before it was gone, answered after the kill.
    const inFlight = failed.filter((sample) => sample.at <= deadAt && sample.at + sample.ms >= killedAt);
    const lost = failed.filter((sample) => !inFlight.includes(sample));
    // The check-outs cut off are sent again with their keys, as the app's outbox does.
    const checkouts = load.samples.filter((sample) => sample.kind === 'checkout');
    for (const sample of checkouts) {
      if (sample.outcome.status !== 200) sample.outcome = await checkOut(base, token, sample.visitId!);
    }
    await sleep(1_500);
    const store = openStore(engine);
    const state = await checkOutState(
      store,
      checkouts.map((sample) => sample.visitId!),
    );
    await store.close();
    const notCompleted = checkouts.filter((sample) => sample.outcome.status !== 200);

    const missedBy = lives.map((live) => {
      const heard = new Set(live.frames.flatMap((frame) => (frame.data?.visit?.id ? [frame.data.visit.id] : [])));
      return checkouts.filter(
        (sample) =>
          sample.outcome.status === 200 &&
          !heard.has(sample.visitId!) &&
          !live.frames.some((frame) => frame.type === 'refetch' && (frame.receivedAt ?? 0) >= sample.at),
      );
    });
    const missed = missedBy.reduce((sum, list) => sum + list.length, 0);
    const reconnected = lives.filter((live) => live.connections > 1).length;

    recordFault({
      fault: FAULT,
      survived: lost.length === 0 && notCompleted.length === 0 && state.inconsistent.size === 0 && missed === 0,
      requestsLost: lost.length + notCompleted.length + missed,
      recordsInconsistent: state.inconsistent.size,
      note: `${load.samples.length} requests through nginx, ${inFlight.length} in flight on the killed replica failed (at most ${width}), ${lost.length} others failed; ${checkouts.length} check-outs; ${reconnected} of ${lives.length} sockets reconnected, ${missed} events missed`,
    });
    const show = (list: typeof failed) =>
      list.slice(0, 5).map((s) => `${s.path} at ${s.at - killedAt} ms: ${s.outcome.status ?? s.outcome.error}`);
    expect(show(lost), 'requests lost beyond those in flight').toEqual([]);
    expect(inFlight.length).toBeLessThanOrEqual(width);
    expect(show(notCompleted), 'check-outs not completed by their replay').toEqual([]);
    expect(state.inconsistent).toEqual(new Map());
    expect(
      missedBy.map((list) => list.map((sample) => sample.visitId)),
      'events missed by the sockets',
    ).toEqual([[], []]);
  });
});
