// The gateway publishes the API, not its internals: /metrics and the API documentation are
// answered 404 by nginx itself, in every spelling the API would route, while the API still
// serves them to the monitoring network (here: loopback) directly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createScratchDatabase,
  dropDatabase,
  freePorts,
  type Nginx,
  readAccessLog,
  run,
  type Service,
  startApi,
  startNginx,
  stopService,
  waitForHttp,
  which,
} from './helpers';

const HIDDEN = [
  '/metrics',
  '/METRICS',
  '/metrics/',
  '//metrics',
  '/%6Detrics',
  '/docs/',
  '/Docs/static/index.html',
  '/openapi.json',
  '/OpenAPI.json?x=1',
];

describe.runIf(which('nginx') || which('/usr/sbin/nginx'))('gateway: /metrics and /docs stay inside', () => {
  let database: { name: string; url: string };
  let api: Service;
  let apiUrl: string;
  let nginx: Nginx;

  beforeAll(async () => {
    database = await createScratchDatabase('gateway');
    const migrated = run('pnpm', ['database:migrate'], { DATABASE_URL: database.url }, 180_000);
    if (migrated.code !== 0) throw new Error(`migrate failed:\n${migrated.stdout}\n${migrated.stderr}`);
    const [apiPort] = await freePorts(1, 4471);
    api = startApi(apiPort!, { DATABASE_URL: database.url });
    apiUrl = `http://127.0.0.1:${apiPort}`;
    await waitForHttp(`${apiUrl}/health/ready`, api);
    nginx = await startNginx((await freePorts(1, 4481))[0]!, { api: [apiPort!] }, 'api');
  });
  afterAll(async () => {
    await nginx?.stop();
    if (api) await stopService(api, 10_000);
    if (database) await dropDatabase(database.name);
  });

  it('nginx answers 404 itself for every spelling; the API is never asked', async () => {
    for (const path of HIDDEN) {
      const response = await fetch(`${nginx.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).toBe('not found\n');
    }
    const refused = readAccessLog(nginx).filter((entry) => entry.status === 404);
    expect(refused).toHaveLength(HIDDEN.length);
    expect(refused.map((entry) => entry.upstream)).toEqual(HIDDEN.map(() => ''));
  });

  it('everything else still reaches the API, and the API serves metrics to loopback directly', async () => {
    const health = await fetch(`${nginx.url}/health/live`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const lookalike = await fetch(`${nginx.url}/metricsx`);
    expect(lookalike.status).toBe(404);
    expect(((await lookalike.json()) as { error: string }).error).toBe('NOT_FOUND');
    const direct = await fetch(`${apiUrl}/metrics`);
    expect(direct.status).toBe(200);
    expect(await direct.text()).toContain('caretracker_http_request_duration_seconds');
  });
});
