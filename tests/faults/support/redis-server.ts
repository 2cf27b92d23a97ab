// A Redis of the fault suite's own (port 6390, no persistence), so stopping it never touches the
// shared one on 6379.
import { spawnSync } from 'node:child_process';
import { type Service, startService, stopService, which } from '../../ops/test/helpers';

export const FAULTS_REDIS_PORT = Number(process.env.FAULTS_REDIS_PORT ?? 6390);

export function redisUnavailableReason(): string | null {
  return which('redis-server') ? null : 'no redis-server on PATH';
}

export interface OwnRedis {
  url: string;
  start(): Promise<void>;
  /** SIGKILL: Redis gone without a goodbye, as when its host dies. */
  kill(): Promise<void>;
  running(): boolean;
}

async function waitForPing(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`redis on ${port} did not answer`);
}

export function ownRedis(port = FAULTS_REDIS_PORT): OwnRedis {
  let service: Service | null = null;
  return {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      service = startService(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {},
      );
      await waitForPing(port);
    },
    async kill() {
      if (service) await stopService(service, 1_000, 'SIGKILL');
      service = null;
    },
    running: () => service !== null,
  };
}
