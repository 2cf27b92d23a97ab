import { resolve } from 'node:path';
import type { DatabaseOptions } from './client';

/** Database options from the environment, for the command-line tools and the server alike. */
export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseOptions {
  return {
    url: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR?.startsWith('memory://')
      ? env.DATA_DIR
      : resolve(env.DATA_DIR || resolve(findProjectRoot(), 'data'), 'pglite'),
    poolSize: env.DATABASE_POOL_SIZE ? Number(env.DATABASE_POOL_SIZE) : undefined,
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT ? Number(env.DATABASE_STATEMENT_TIMEOUT) : undefined,
  } as DatabaseOptions;
}

/** The repository root (where pnpm-workspace.yaml is), so `./data` means one place from any package. */
function findProjectRoot(): string {
  return resolve(import.meta.dirname, '../../..');
}
