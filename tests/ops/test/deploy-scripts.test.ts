// The deployment scripts' refusals and alarms, run as an operator would run them.
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, runAsync } from './helpers';

const STRONG_SECRET = 'a-production-grade-secret-of-more-than-32-bytes';
const DATA_ENCRYPTION_KEY = Buffer.alloc(32, 9).toString('base64');
// Thresholds relaxed so a busy test machine's memory and disk do not decide the outcome.
const relaxed = ['--mode', 'local', '--min-memory-mb', '0', '--max-disk-percent', '100'];

/** A TCP server on a port the system picked, and that port. */
async function listeningServer(): Promise<{ server: TcpServer; port: number }> {
  const server = createTcpServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return { server, port: (server.address() as AddressInfo).port };
}

/** A port nothing listens on (the system's pick, released at once). */
async function freeTcpPort(): Promise<number> {
  const { server, port } = await listeningServer();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('pre-deploy-checks.sh', () => {
  it('fails clearly when a required variable is missing', () => {
    const result = run('bash', ['scripts/pre-deploy-checks.sh', ...relaxed, '--skip-ports'], {
      DATABASE_URL: '',
      JWT_SECRET: STRONG_SECRET,
      DATA_ENCRYPTION_KEY,
      REDIS_URL: '',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/FAIL\s+missing environment variable: DATABASE_URL/);
    expect(result.stderr).toMatch(/pre-deployment checks failed: 1 problem/);
  });

  it('fails clearly when a port is busy, and passes once it is free', async () => {
    // Ports the system hands out: a fixed one can be taken by another test's outgoing connection
    // (42012 is in Linux's ephemeral range), and then this server could not listen at all.
    const busyPort = await listeningServer();
    const freePort = await freeTcpPort();
    const env = {
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/postgres',
      JWT_SECRET: STRONG_SECRET,
      DATA_ENCRYPTION_KEY,
      REDIS_URL: '',
    };
    const ports = `${busyPort.port} ${freePort}`;
    const busy = run('bash', ['scripts/pre-deploy-checks.sh', ...relaxed, '--ports', ports], env);
    await new Promise((resolve) => busyPort.server.close(resolve));
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(new RegExp(`FAIL\\s+port ${busyPort.port} is already in use`));
    expect(busy.stderr).toMatch(new RegExp(`ok\\s+port ${freePort} free`));

    const free = run('bash', ['scripts/pre-deploy-checks.sh', ...relaxed, '--ports', ports], env);
    expect(free.stderr).toMatch(/all pre-deployment checks passed/);
    expect(free.code).toBe(0);
  });

  it('refuses the development JWT secret', () => {
    const result = run('bash', ['scripts/pre-deploy-checks.sh', ...relaxed, '--skip-ports'], {
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/postgres',
      JWT_SECRET: 'development-secret-key-change-in-production',
      DATA_ENCRYPTION_KEY,
      REDIS_URL: '',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/JWT_SECRET is the development secret/);
  });
});

describe('health-monitor.sh', () => {
  let webhook: Server;
  let hook = '';
  let downUrl = '';
  const received: { text: string; severity: string }[] = [];

  beforeAll(async () => {
    webhook = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        // GET is the stand-in healthy API; POST is an alert.
        if (request.method === 'POST') received.push(JSON.parse(body));
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
    hook = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`;
    downUrl = `http://127.0.0.1:${await freeTcpPort()}/health`;
  });
  afterAll(() => new Promise((resolve) => webhook.close(resolve)));

  it('calls send-alert (here a webhook) when the API is down', async () => {
    const result = await runAsync('bash', ['monitoring/health-monitor.sh', '--once', '--url', downUrl], {
      ALERT_WEBHOOK_URL: hook,
      MEMORY_ALERT_PERCENT: '100',
      DISK_ALERT_PERCENT: '100',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/API unhealthy/);
    expect(received).toContainEqual(
      expect.objectContaining({
        severity: 'critical',
        text: `[CareTracker critical] API health check failed: ${downUrl}`,
      }),
    );
  });

  it('stays quiet when the API is healthy', async () => {
    received.length = 0;
    const result = await runAsync('bash', ['monitoring/health-monitor.sh', '--once', '--url', hook], {
      ALERT_WEBHOOK_URL: hook,
      MEMORY_ALERT_PERCENT: '100',
      DISK_ALERT_PERCENT: '100',
    });
    expect(result.stderr).toMatch(/ok\s+API healthy/);
    expect(received).toEqual([]);
  });
});
