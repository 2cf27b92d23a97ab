import { buildApp } from '@caretracker/api/src/app';
import { testConfig } from '@caretracker/api/src/config/config';
import type { RealtimeOptions } from '@caretracker/api/src/modules/realtime/service';
import { createDatabase, type DatabaseHandle, migrateDatabase } from '@caretracker/database';

/** The API's Fastify instance (its `deps` give tests the database, as the API's own tests use it). */
export type ApiApp = Awaited<ReturnType<typeof buildApp>>;

export interface RunningApi {
  app: ApiApp;
  port: number;
  database: DatabaseHandle;
  /** Stops this API process; the database stays (a restarted API uses it again). */
  stop(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real API on embedded PGlite, listening on a free port of 127.0.0.1, as `pnpm start` runs it.
 * Pass `database` to start a second process (a restart) on the same data.
 */
export async function startApi(
  options: { database?: DatabaseHandle; realtime?: Partial<RealtimeOptions> } = {},
): Promise<RunningApi> {
  const database = options.database ?? createDatabase({ dataDir: 'memory://' });
  if (!options.database) await migrateDatabase(database);
  const config = testConfig({ RATE_LIMIT_AUTH_MAX: '10000', RATE_LIMIT_MAX: '100000' });
  const app = await buildApp(config, { database, realtime: options.realtime ?? {} });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the API is not listening on a port');
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
  };
  return {
    app,
    port: address.port,
    database,
    stop,
    async close() {
      await stop();
      await database.close();
    },
  };
}
