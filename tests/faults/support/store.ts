// Reads (and fixture writes) straight against the database the API uses, PostgreSQL or the
// embedded PGlite. PGlite is one process's: open it only while no API has it open.
import { createDatabase, type DatabaseHandle } from '@caretracker/database';
import { sql } from 'drizzle-orm';

export type Engine = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

export interface Store {
  query<T = Record<string, unknown>>(text: string): Promise<T[]>;
  close(): Promise<void>;
}

export function openStore(engine: Engine): Store {
  const handle: DatabaseHandle =
    engine.kind === 'postgres'
      ? createDatabase({ url: engine.url, poolSize: 2 })
      : createDatabase({ dataDir: `${engine.dataDir}/pglite` });
  return {
    async query<T>(text: string) {
      const result = (await handle.db.execute(sql.raw(text))) as unknown as { rows: T[] };
      return result.rows;
    },
    close: () => handle.close(),
  };
}

/** The variables that point an API process (or a repository script) at the engine. */
export function engineEnv(engine: Engine): NodeJS.ProcessEnv {
  return engine.kind === 'postgres' ? { DATABASE_URL: engine.url } : { DATA_DIR: engine.dataDir };
}
