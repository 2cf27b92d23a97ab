import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LISTED_ISSUES } from '../src/errors/error-handler';
import { JSON_BODY_LIMIT, MAX_JSON_DEPTH } from '../src/plugins/json-body';
import { startApp, type TestApp } from './helpers/app';
import { createTeam } from './helpers/factories';
import { expectError } from './helpers/http';

/** `{"k0":0,"k1":0,…}` with `count` unknown keys. */
const unknownKeys = (count: number, extra: Record<string, unknown> = {}) => {
  const keys = Array.from({ length: count }, (_, i) => `"k${i}":0`).join(',');
  const known = Object.entries(extra)
    .map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`)
    .join(',');
  return `{${known}${known ? ',' : ''}${keys}}`;
};

describe('one request cannot tie the API up: body size, nesting and the size of a 400', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  const login = (payload: string) =>
    t.app.inject({ method: 'POST', url: '/auth/login', payload, headers: { 'content-type': 'application/json' } });

  it('800,000 unknown keys answer a small 413 while /health/live keeps answering', async () => {
    const payload = unknownKeys(800_000);
    expect(payload.length).toBeGreaterThan(8_000_000);
    const [attack, live] = await Promise.all([login(payload), t.app.inject({ method: 'GET', url: '/health/live' })]);
    expectError(attack, 413, 'PAYLOAD_TOO_LARGE');
    expect(attack.body.length).toBeLessThan(1_000);
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
  });

  it('bodies over 100 KB are refused before they are parsed', async () => {
    expect(JSON_BODY_LIMIT).toBe(102_400);
    const justOver = JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(JSON_BODY_LIMIT) });
    expectError(await login(justOver), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('thousands of unknown keys within the limit: the first 20 are listed, each once, and the rest counted', async () => {
    const payload = unknownKeys(8_000, { email: 'a@b.co', password: 'x' });
    expect(payload.length).toBeLessThan(JSON_BODY_LIMIT);
    const response = await login(payload);
    const body = expectError(response, 400, 'VALIDATION_ERROR');
    expect(response.body.length).toBeLessThan(3_000);
    expect(body.details).toHaveLength(MAX_LISTED_ISSUES);
    const fields = body.details!.map((issue) => issue.field);
    expect(new Set(fields).size).toBe(fields.length);
    expect(fields[0]).toBe('body.k0');
    expect(body.message).toMatch(/and 7980 more$/);
  });

  it('100,000 nested [ answer a small 400 naming the limit, and /health/live keeps answering', async () => {
    const payload = '['.repeat(100_000);
    expect(payload.length).toBeLessThan(JSON_BODY_LIMIT);
    const [attack, live] = await Promise.all([login(payload), t.app.inject({ method: 'GET', url: '/health/live' })]);
    const body = expectError(attack, 400, 'BAD_REQUEST');
    expect(body.message).toContain(`${MAX_JSON_DEPTH} levels`);
    expect(attack.body.length).toBeLessThan(1_000);
    expect(live.statusCode).toBe(200);
  });

  it('nesting inside strings does not count, and ordinary nesting is untouched', async () => {
    const brackets = JSON.stringify({ email: 'a@b.co', password: '[{'.repeat(400) });
    expectError(await login(brackets), 401, 'UNAUTHORIZED');
    const deep = `{"email":"a@b.co","password":"x","n":${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}}`;
    // One level deeper than the limit in total (the outer object counts): refused by the depth check.
    expectError(await login(deep), 400, 'BAD_REQUEST');
    const fits = `{"email":"a@b.co","password":"x","n":${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`;
    // Within the limit the schema decides: "n" is not a known field.
    expectError(await login(fits), 400, 'VALIDATION_ERROR');
  });

  it('prototype poisoning is refused', async () => {
    expectError(await login('{"email":"a@b.co","password":"x","__proto__":{"role":"ADMIN"}}'), 400, 'BAD_REQUEST');
  });

  it('a check-out carrying a signature image may be larger than 100 KB', async () => {
    const team = await createTeam(t.app);
    const signature = `data:image/png;base64,${'A'.repeat(200_000)}`;
    const response = await t.app.inject({
      method: 'POST',
      url: '/visits/00000000-0000-4000-8000-000000000000/checkout',
      headers: team.worker.headers,
      payload: { clientSignature: signature },
    });
    // Past the body limit, the schema reads it: the signature is fine, the other fields are missing.
    const body = expectError(response, 400, 'VALIDATION_ERROR');
    const fields = body.details?.map((issue) => issue.field) ?? [];
    expect(fields).toContain('body.lat');
    expect(fields).not.toContain('body.clientSignature');
  });
});
