import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config';
import { startApp, type TestApp } from './helpers/app';
import { expectError } from './helpers/http';

const TOKEN = 'metrics-token-for-the-test-0123456789abcdef';
const OUTSIDE = '203.0.113.9';

describe('/metrics: the monitoring network, or the token', () => {
  let t: TestApp;
  const metrics = (remoteAddress: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: '/metrics', remoteAddress, headers });

  beforeAll(async () => {
    t = await startApp({ config: { METRICS_TOKEN: TOKEN, METRICS_ALLOWED_IPS: '127.0.0.1,::1,10.20.0.0/16' } });
  });
  afterAll(() => t.close());

  it('answers the allowed addresses and ranges, IPv4 clients of a dual-stack socket included', async () => {
    for (const address of ['127.0.0.1', '::1', '10.20.3.4', '::ffff:10.20.3.4']) {
      const response = await metrics(address);
      expect(response.statusCode, address).toBe(200);
      expect(response.body).toContain('caretracker_http_request_duration_seconds');
    }
  });

  it('refuses everyone else, whatever X-Forwarded-For claims, unless they bring the token', async () => {
    expectError(await metrics(OUTSIDE), 403, 'FORBIDDEN');
    expectError(await metrics('10.21.0.1'), 403, 'FORBIDDEN');
    expectError(await metrics(OUTSIDE, { 'x-forwarded-for': '127.0.0.1' }), 403, 'FORBIDDEN');
    expectError(await metrics(OUTSIDE, { 'x-real-ip': '10.20.3.4' }), 403, 'FORBIDDEN');
    expectError(await metrics(OUTSIDE, { authorization: `Bearer ${TOKEN}x` }), 403, 'FORBIDDEN');
    expectError(await metrics(OUTSIDE, { authorization: TOKEN }), 403, 'FORBIDDEN');
    const withToken = await metrics(OUTSIDE, { authorization: `Bearer ${TOKEN}` });
    expect(withToken.statusCode).toBe(200);
    expect(withToken.body).toContain('caretracker_process_resident_memory_bytes');
  });

  it('without a token configured the allow-list alone decides; loopback by default', async () => {
    const bare = await startApp({ engine: t.engine });
    try {
      const at = (remoteAddress: string, headers: Record<string, string> = {}) =>
        bare.app.inject({ method: 'GET', url: '/metrics', remoteAddress, headers });
      expect((await at('127.0.0.1')).statusCode).toBe(200);
      expectError(await at('10.20.3.4'), 403, 'FORBIDDEN');
      expectError(await at(OUTSIDE, { authorization: 'Bearer ' }), 403, 'FORBIDDEN');
    } finally {
      await bare.close();
    }
  });

  it('refuses a bad allow-list or a short token at start, naming the variable', () => {
    expect(() => loadConfig({ METRICS_ALLOWED_IPS: '10.0.0.0/33' })).toThrow(/METRICS_ALLOWED_IPS: "10.0.0.0\/33"/);
    expect(() => loadConfig({ METRICS_ALLOWED_IPS: 'monitoring' })).toThrow(/METRICS_ALLOWED_IPS/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: must be at least 32/);
    expect(loadConfig({ METRICS_ALLOWED_IPS: ' 172.16.0.0/12 , fd00::/8,192.0.2.1' }).METRICS_ALLOWED_IPS).toEqual([
      '172.16.0.0/12',
      'fd00::/8',
      '192.0.2.1',
    ]);
  });
});

describe('/docs and /openapi.json', () => {
  const production = {
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(48).toString('base64'),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  } as const;
  const docs = async (t: TestApp) => [
    (await t.app.inject({ method: 'GET', url: '/docs/' })).statusCode,
    (await t.app.inject({ method: 'GET', url: '/openapi.json' })).statusCode,
  ];

  it('are off in production unless API_DOCS_ENABLED', async () => {
    const off = await startApp({ config: production });
    try {
      expect(await docs(off)).toEqual([404, 404]);
    } finally {
      await off.close();
    }
    const on = await startApp({ config: { ...production, API_DOCS_ENABLED: 'true' } });
    try {
      expect(await docs(on)).toEqual([200, 200]);
    } finally {
      await on.close();
    }
  });

  it('are on elsewhere unless API_DOCS_ENABLED=false', async () => {
    const off = await startApp({ config: { API_DOCS_ENABLED: 'false' } });
    try {
      expect(await docs(off)).toEqual([404, 404]);
    } finally {
      await off.close();
    }
  });
});
