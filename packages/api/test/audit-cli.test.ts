import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { hasPostgres } from './helpers/app';

const run = promisify(execFile);

describe.skipIf(!hasPostgres())('pnpm audit:verify', () => {
  it('exits 0 and counts the rows of an intact chain', async () => {
    const { stdout } = await run('pnpm', ['exec', 'tsx', 'src/cli/audit-verify.ts'], {
      cwd: new URL('..', import.meta.url).pathname,
      env: { ...process.env, DATABASE_URL: inject('databaseUrl')!, LOG_LEVEL: 'silent' },
    });
    expect(stdout).toMatch(/audit log intact: \d+ rows verified/);
  });

  it('stops with the variable named when the configuration is wrong', async () => {
    const failure = await run('pnpm', ['exec', 'tsx', 'src/cli/audit-verify.ts'], {
      cwd: new URL('..', import.meta.url).pathname,
      env: { ...process.env, DATABASE_URL: 'mysql://nope' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain('DATABASE_URL');
  });
});
