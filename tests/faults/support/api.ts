// An API process of the fault suite's (ports 4200-4209) on a given engine, started and killed
// through the ops suite's process helpers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Service, startApi, stopService, waitForHttp } from '../../ops/test/helpers';
import { type Engine, engineEnv } from './store';

export const FAULTS_API_PORTS = [4200, 4201, 4202, 4203, 4204, 4205, 4206, 4207, 4208, 4209] as const;

export interface FaultApi {
  base: string;
  service: Service;
  /** SIGKILL to the process group: no shutdown hook, no finished request. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export async function startFaultApi(port: number, engine: Engine, env: NodeJS.ProcessEnv = {}): Promise<FaultApi> {
  const service = startApi(port, {
    ...engineEnv(engine),
    // Loads far above a user's, from one address: the limits are not what these cases test.
    RATE_LIMIT_AUTH_MAX: '10000',
    RATE_LIMIT_MAX: '1000000',
    // A crashed request's Idempotency-Key can be taken over soon, so the replay runs in the suite's time.
    IDEMPOTENCY_IN_PROGRESS_SECONDS: '3',
    FILE_STORAGE_PATH: env.FILE_STORAGE_PATH ?? mkdtempSync(path.join(tmpdir(), 'caretracker-faults-files-')),
    ...env,
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/health/live`, service, 120_000);
  return {
    base,
    service,
    kill: async () => void (await stopService(service, 1_000, 'SIGKILL')),
    stop: async () => void (await stopService(service, 15_000)),
  };
}
