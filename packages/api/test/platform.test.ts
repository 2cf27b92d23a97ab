import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';

describe('health, metrics, docs and security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ config: { FORCE_HTTPS: 'true' } });
  });
  afterAll(() => t.close());

  it('GET /health answers in the seed shape with every check', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.status).toBe('healthy');
    expect(Object.keys(body.checks).sort()).toEqual(['database', 'disk', 'memory', 'redis', 'uptime']);
    expect(body.checks.database).toMatchObject({ status: 'healthy', engine: t.engine });
    expect((await t.app.inject({ method: 'GET', url: '/health/live' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
  });

  it('GET /metrics exposes Prometheus text with request durations', async () => {
    await t.app.inject({ method: 'GET', url: '/health/live' });
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain('caretracker_http_request_duration_seconds_bucket');
    expect(response.body).toContain('caretracker_process_resident_memory_bytes');
  });

  it('/openapi.json documents every route with its schemas, and /docs serves Swagger UI', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    for (const path of [
      '/auth/login',
      '/auth/refresh',
      '/auth/logout',
      '/auth/me',
      '/auth/mfa/verify',
      '/auth/password/reset',
      '/users',
      '/users/{id}',
      '/audit',
      '/audit/verify',
      '/break-glass',
      '/break-glass/{id}/close',
      '/health',
    ]) {
      expect(spec.paths, path).toHaveProperty([path]);
    }
    const loginBody = spec.paths['/auth/login'].post.requestBody.content['application/json'].schema;
    expect(loginBody.required).toEqual(expect.arrayContaining(['email', 'password']));
    expect(spec.paths['/auth/login'].post.responses).toHaveProperty(['200']);
    const docs = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger-ui');
  });

  it('sends security headers, HSTS when FORCE_HTTPS, and a request id', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health/live' });
    expect(response.headers['strict-transport-security']).toContain('max-age=31536000');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-request-id']).toMatch(/[0-9a-f-]{36}/);
  });

  it('CORS allows the configured app origins with credentials and nobody else', async () => {
    const allowed = await t.app.inject({
      method: 'OPTIONS',
      url: '/auth/login',
      headers: { origin: 'http://localhost:3002', 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:3002');
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    const denied = await t.app.inject({
      method: 'OPTIONS',
      url: '/auth/login',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('CORS lets the apps update and delete (PUT, PATCH, DELETE), not only read and post', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const preflight = await t.app.inject({
        method: 'OPTIONS',
        url: '/users/00000000-0000-4000-8000-000000000000',
        headers: { origin: 'http://localhost:3000', 'access-control-request-method': method },
      });
      expect(preflight.headers['access-control-allow-methods'], method).toContain(method);
    }
  });
});

describe('METRICS_ENABLED=false', () => {
  it('serves no /metrics', async () => {
    const t = await startApp({ engine: 'pglite', config: { METRICS_ENABLED: 'false' } });
    try {
      expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});
