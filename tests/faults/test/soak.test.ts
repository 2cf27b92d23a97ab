// A soak at about 70% of the peak throughput measured just before, with the apps' mix: the care
// worker app's reads and check-outs, the portal's home and visits (the demo client), the
// dashboard's overview and visit list (the demo supervisor): no failed request, and the API's resident memory sampled through
// the run with its slope printed. FAULTS_SOAK_MINUTES sets the length (1 in `pnpm test:faults`,
// 10 in `pnpm test:faults:soak`).
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { FAULTS_API_PORTS, type FaultApi, startFaultApi } from '../support/api';
import { checkOutState } from '../support/checkouts';
import { login, sleep } from '../support/http';
import { recordFault, skipFault } from '../support/ledger';
import { failures, startLoad } from '../support/load';
import { runCluster } from '../support/postgres-cluster';
import { type Engine, openStore } from '../support/store';
import { PORTAL_CLIENT, SUPERVISOR, visitsInProgress, WORKER } from '../support/world';

const { cluster, problem: clusterProblem } = runCluster();

const MINUTES = Number(process.env.FAULTS_SOAK_MINUTES ?? 1);
const FAULT = `Soak at 70% of peak (${MINUTES} min)`;
const problem = clusterProblem;
if (problem) skipFault(FAULT, problem);

function rssMegabytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** Least-squares slope of (minutes, MB): MB per minute. */
function slope(points: Array<[number, number]>): number {
  const n = points.length;
  const mx = points.reduce((sum, [x]) => sum + x, 0) / n;
  const my = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const num = points.reduce((sum, [x, y]) => sum + (x - mx) * (y - my), 0);
  const den = points.reduce((sum, [x]) => sum + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

describe.skipIf(problem !== null)(FAULT, () => {
  let api: FaultApi | null = null;
  afterAll(async () => {
    await api?.stop();
  });

  it(
    'serves every request and prints the memory slope',
    async () => {
      const engine: Engine = { kind: 'postgres', url: await cluster!.seededDatabase('faults_soak') };
      const visitIds = await visitsInProgress(engine, Math.min(6000, 400 * MINUTES));
      api = await startFaultApi(FAULTS_API_PORTS[3], engine, { DATABASE_POOL_SIZE: '10' });
      const { base } = api;
      const token = await login(base, WORKER);
      const clientToken = await login(base, PORTAL_CLIENT);
      const supervisorToken = await login(base, SUPERVISOR);
      const readers = [
        { token: () => clientToken, paths: ['/portal/home', '/visits?limit=20', '/notifications/unread-count'] },
        { token: () => supervisorToken, paths: ['/office/overview', '/visits?limit=50', '/notifications?limit=20'] },
      ];

      // Peak: as fast as 6 loops go, reads only, for 8 s (after a short warm-up).
      await startLoad({ base: () => base, token: () => token, width: 6, pauseMs: 0, readers }).stop();
      const probe = startLoad({ base: () => base, token: () => token, width: 6, pauseMs: 0, readers });
      await sleep(8_000);
      await probe.stop();
      const peak = probe.samples.length / 8;
      const rate = Math.max(1, Math.round(peak * 0.7));

      const pid = api.service.child.pid!;
      const started = Date.now();
      const load = startLoad({
        base: () => base,
        token: () => token,
        width: 6,
        visitIds,
        writeEvery: 20,
        ratePerSecond: rate,
        readers,
      });
      const rss: Array<[number, number]> = [];
      const every = Math.min(60_000, (MINUTES * 60_000) / 6);
      while (Date.now() - started < MINUTES * 60_000) {
        rss.push([(Date.now() - started) / 60_000, rssMegabytes(pid)]);
        await sleep(every);
      }
      rss.push([(Date.now() - started) / 60_000, rssMegabytes(pid)]);
      await load.stop();
      const seconds = (Date.now() - started) / 1000;

      const failed = failures(load.samples);
      const checkouts = load.samples.filter((sample) => sample.kind === 'checkout');
      const store = openStore(engine);
      const state = await checkOutState(
        store,
        checkouts.map((sample) => sample.visitId!),
      );
      await store.close();
      // The second half, after warm-up, is where steady growth would show.
      const settled = rss.filter(([minute]) => minute >= MINUTES / 2);
      const growth = slope(settled.length >= 2 ? settled : rss);
      const note = `peak ${peak.toFixed(0)} req/s, held ${(load.samples.length / seconds).toFixed(0)} req/s for ${seconds.toFixed(0)} s (${load.samples.length} requests, ${checkouts.length} check-outs); RSS ${rss.map(([, mb]) => mb.toFixed(0)).join(' → ')} MB, slope ${growth.toFixed(2)} MB/min over the second half`;
      console.log(`soak: ${note}`);
      recordFault({
        fault: FAULT,
        survived: failed.length === 0 && state.inconsistent.size === 0,
        requestsLost: failed.length,
        recordsInconsistent: state.inconsistent.size,
        note,
      });
      expect(
        failed.slice(0, 5).map((s) => `${s.path}: ${s.outcome.status ?? s.outcome.error}`),
        'failed requests',
      ).toEqual([]);
      expect(state.inconsistent).toEqual(new Map());
      expect(state.applied.size).toBe(checkouts.length);
    },
    (MINUTES * 60 + 240) * 1000,
  );
});
