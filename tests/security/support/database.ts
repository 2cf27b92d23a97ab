import { createDatabase, migrateDatabase } from '@caretracker/database';
import pg from 'pg';
import { inject } from 'vitest';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A freshly migrated PostgreSQL database of this file's own, so its table checksums see no other file's writes. */
export async function scratchDatabase(): Promise<ScratchDatabase> {
  const adminUrl = inject('adminDatabaseUrl');
  if (!adminUrl) throw new Error('the security suite needs PostgreSQL');
  const name = `caretracker_security_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = createDatabase({ url: url.toString(), poolSize: 2 });
  await migrateDatabase(handle);
  await handle.close();
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

export const hasPostgres = () => Boolean(inject('adminDatabaseUrl'));
