// Redis killed under load (the suite's own, on 6390) and started again: reads and writes go on
// being served, /health says degraded (200) while it is away, an email asked for during the outage
// is still delivered (nothing left PENDING or FAILED in the outbox), and live updates resume once
// Redis is back: a socket hears the check-outs made after its return.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FAULTS_API_PORTS, type FaultApi, startFaultApi } from '../support/api';
import { checkOutState } from '../support/checkouts';
import { call, login, sleep } from '../support/http';
import { RUN_DIR, recordFault, skipFault } from '../support/ledger';
import { type LiveClient, liveClient } from '../support/live';
import { failures, startLoad } from '../support/load';
import { runCluster } from '../support/postgres-cluster';
import { type OwnRedis, ownRedis, redisUnavailableReason } from '../support/redis-server';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { type Engine, openStore } from '../support/store';
import { SUPERVISOR, visitsInProgress, WORKER } from '../support/world';

const { cluster, problem: clusterProblem } = runCluster();

const FAULT = 'Redis stopped under load';
const problem = clusterProblem ?? redisUnavailableReason();
if (problem) skipFault(FAULT, problem);

async function health(base: string) {
  const outcome = await call(base, 'GET', '/health');
  return { status: outcome.status, overall: (outcome.body as { status?: string }).status };
}

describe.skipIf(problem !== null)(FAULT, () => {
  let redis: OwnRedis | null = null;
  let sink: SmtpSink | null = null;
  let api: FaultApi | null = null;
  let live: LiveClient | null = null;
  afterAll(async () => {
    live?.close();
    await api?.stop();
    await redis?.kill();
    await sink?.close();
  });

  it('keeps serving, says degraded, delivers the email and resumes live updates', async () => {
    const engine: Engine = { kind: 'postgres', url: await cluster!.seededDatabase('faults_redis') };
    const visitIds = await visitsInProgress(engine, 150);
    redis = ownRedis();
    await redis.start();
    sink = await startSmtpSink(FAULTS_API_PORTS[9]);
    api = await startFaultApi(FAULTS_API_PORTS[2], engine, { REDIS_URL: redis.url, SMTP_URL: sink.url });
    const { base } = api;
    const token = await login(base, WORKER);
    const supervisorToken = await login(base, SUPERVISOR);
    live = liveClient(base.replace('http', 'ws'), 'visits', () => supervisorToken);

    const load = startLoad({ base: () => base, token: () => token, width: 4, visitIds, writeEvery: 8, pauseMs: 50 });
    await sleep(3_000);
    await redis.kill();
    const down = Date.now();
    await sleep(1_500);
    const duringHealth = await health(base);
    const resetDuring = await call(base, 'POST', '/auth/password/reset-request', { body: { email: WORKER.email } });
    await sleep(4_000);
    await redis.start();
    const up = Date.now();
    // ioredis reconnects with a backoff; the subscriber follows.
    await sleep(5_000);
    const afterHealth = await health(base);
    const resumed = Date.now();
    await sleep(5_000);
    const resetAfter = await call(base, 'POST', '/auth/password/reset-request', { body: { email: WORKER.email } });
    await load.stop();
    await sleep(2_000);

    // The email outbox: both requests delivered, nothing left behind.
    const store = openStore(engine);
    let outbox: Array<{ status: string }> = [];
    for (let attempt = 0; attempt < 20; attempt++) {
      outbox = await store.query<{ status: string }>(`select status from email_outbox`);
      if (outbox.length >= 2 && outbox.every((row) => row.status === 'SENT')) break;
      await sleep(1_000);
    }
    const checkouts = load.samples.filter((sample) => sample.kind === 'checkout');
    const state = await checkOutState(
      store,
      checkouts.map((sample) => sample.visitId!),
    );
    await store.close();

    writeFileSync(path.join(RUN_DIR, 'redis-outage-api.log'), api.service.output());
    const failed = failures(load.samples);
    const heardIds = new Set(live.frames.flatMap((frame) => (frame.data?.visit?.id ? [frame.data.visit.id] : [])));
    const afterReturn = checkouts.filter((sample) => sample.at > resumed && sample.outcome.status === 200);
    const unheardAfterReturn = afterReturn.filter((sample) => !heardIds.has(sample.visitId!));
    const duringOutage = checkouts.filter(
      (sample) => sample.at > down && sample.at < up && sample.outcome.status === 200,
    );
    const unheardDuring = duringOutage.filter((sample) => !heardIds.has(sample.visitId!));
    const refetched = live.frames.some((frame) => frame.type === 'refetch');
    // A check-out whose event could not go out while Redis was away must reach the socket some other
    // way: a `refetch` frame after it, which makes the app reload through REST.
    const missed = unheardDuring.filter(
      (sample) => !live!.frames.some((frame) => frame.type === 'refetch' && (frame.receivedAt ?? 0) >= sample.at),
    );
    const undelivered = outbox.filter((row) => row.status !== 'SENT');

    recordFault({
      fault: FAULT,
      survived:
        failed.length === 0 &&
        duringHealth.overall === 'degraded' &&
        afterHealth.overall === 'healthy' &&
        undelivered.length === 0 &&
        unheardAfterReturn.length === 0 &&
        missed.length === 0,
      requestsLost: failed.length + undelivered.length + missed.length,
      recordsInconsistent: state.inconsistent.size,
      note: `${load.samples.length} requests, ${checkouts.length} check-outs; ${sink.messages.length} emails delivered; live: ${afterReturn.length} check-outs after the return all heard: ${unheardAfterReturn.length === 0}, ${unheardDuring.length} of ${duringOutage.length} made during the outage not heard live${refetched ? ' (refetch sent)' : ''}, ${missed.length} missed without a refetch`,
    });
    expect(
      failed
        .slice(0, 5)
        .map((s) => `${s.path}: ${s.outcome.status ?? s.outcome.error} ${JSON.stringify(s.outcome.body)}`),
      'requests not served',
    ).toEqual([]);
    expect(duringHealth).toEqual({ status: 200, overall: 'degraded' });
    expect(afterHealth).toEqual({ status: 200, overall: 'healthy' });
    expect([resetDuring.status, resetAfter.status]).toEqual([202, 202]);
    expect(outbox.length, 'emails in the outbox').toBeGreaterThanOrEqual(2);
    expect(undelivered, 'emails not delivered').toEqual([]);
    expect(state.inconsistent).toEqual(new Map());
    expect(afterReturn.length, 'check-outs after Redis returned').toBeGreaterThan(0);
    expect(
      unheardAfterReturn.map((sample) => sample.visitId),
      'check-outs after the return not heard live',
    ).toEqual([]);
    expect(
      missed.map((sample) => sample.visitId),
      'check-outs during the outage neither heard nor followed by a refetch',
    ).toEqual([]);
  });
});
