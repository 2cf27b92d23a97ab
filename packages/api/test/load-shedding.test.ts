import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './helpers/app';

/**
 * Beyond LOAD_SHED_MAX_IN_FLIGHT requests in progress the API answers 503 with Retry-After at
 * once. Requests are held in progress for real: their body is still being sent.
 */
describe('load shedding', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startApp({ engine: 'pglite', config: { LOAD_SHED_MAX_IN_FLIGHT: '2' } });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  /** A sign-in whose body is only half sent: the API has begun it and waits for the rest. */
  async function heldRequest() {
    const body = JSON.stringify({ email: 'nobody@example.com', password: 'not-the-password', tokenDelivery: 'body' });
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString();
    });
    const ended = new Promise<void>((resolve) => socket.once('end', resolve));
    socket.write(
      `POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
    );
    return {
      async finish() {
        socket.write(body.slice(10));
        await ended;
        return answer;
      },
    };
  }

  async function until(condition: () => boolean) {
    for (let tries = 0; !condition(); tries++) {
      if (tries > 3000) throw new Error('the requests in progress never reached the expected count');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  const inFlight = () => t.app.loadShedding.inFlight();

  it('answers 503 with Retry-After in the shared error shape while full, and serves again once there is room', async () => {
    const first = await heldRequest();
    const second = await heldRequest();
    await until(() => inFlight() === 2);

    const shed = await fetch(`http://127.0.0.1:${port}/auth/me`);
    expect(shed.status).toBe(503);
    expect(shed.headers.get('retry-after')).toBe('1');
    expect(shed.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await shed.json()).toMatchObject({ success: false, error: 'SERVICE_UNAVAILABLE' });
    // Health checks are never shed: the load balancer must still see the process alive.
    expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);

    // The held requests themselves complete normally (a wrong password: 401).
    expect(await first.finish()).toMatch(/^HTTP\/1\.1 401/);
    expect(await second.finish()).toMatch(/^HTTP\/1\.1 401/);
    await until(() => inFlight() === 0);
    const served = await fetch(`http://127.0.0.1:${port}/auth/me`);
    expect(served.status).toBe(401);
  });

  it('finished requests free their place, injected ones too', async () => {
    for (let i = 0; i < 10; i++) {
      const answer = await t.app.inject({ method: 'GET', url: '/auth/me' });
      expect(answer.statusCode).toBe(401);
    }
    await until(() => inFlight() === 0);
  });

  it('an abandoned request frees its place', async () => {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write(
      'POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{',
    );
    await until(() => inFlight() === 1);
    socket.destroy();
    await until(() => inFlight() === 0);
    expect((await fetch(`http://127.0.0.1:${port}/auth/me`)).status).toBe(401);
  });
});
