import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DatabaseOptions } from './client';

/** Environment variables as plain strings (Next's types narrow NODE_ENV on process.env when the apps' code is compiled alongside). */
export type Environment = Record<string, string | undefined>;

/** Database options from the environment, for the command-line tools and the server alike. */
export function databaseOptionsFromEnv(env: Environment = process.env): DatabaseOptions {
  const dataDir = dataDirectory(env);
  return {
    url: env.DATABASE_URL || undefined,
    dataDir: dataDir ? resolve(dataDir, 'pglite') : env.DATA_DIR,
    poolSize: env.DATABASE_POOL_SIZE ? Number(env.DATABASE_POOL_SIZE) : undefined,
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT ? Number(env.DATABASE_STATEMENT_TIMEOUT) : undefined,
  } as DatabaseOptions;
}

/**
 * The installation's data directory: DATA_DIR, else `./data` at the repository root. Null for an
 * in-memory database (`DATA_DIR=memory://…`), which keeps nothing on disk.
 */
export function dataDirectory(env: { DATA_DIR?: string | undefined } = process.env as Environment): string | null {
  if (env.DATA_DIR?.startsWith('memory://')) return null;
  return resolve(env.DATA_DIR || resolve(findProjectRoot(), 'data'));
}

/** Reads `.env` at the repository root when there is one, so the server and the database tools see the same settings. */
export function loadProjectEnvFile(): void {
  const file = resolve(findProjectRoot(), '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

/** The repository root (where pnpm-workspace.yaml is), so `./data` means one place from any package. */
function findProjectRoot(): string {
  return resolve(import.meta.dirname, '../../..');
}
