// Backup and restore round trip on the local PostgreSQL: a scratch database is migrated and
// seeded, backed up with backup/database-backup.sh, dropped, and restored with
// disaster-recovery/restore.sh; every table's row count and content checksum must match.
// The same for a folder of uploaded files with backup/files-backup.sh.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, dropDatabase, migrateAndSeed, run, tempDir } from './helpers';

/** Every table of the public and drizzle schemas: row count and an md5 over its rows in a stable order. */
async function fingerprint(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
       WHERE schemaname IN ('public', 'drizzle') ORDER BY 1`,
    );
    const result: Record<string, string> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ count: string; digest: string | null }>(
        `SELECT count(*) AS count, md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS digest FROM ${name} t`,
      );
      result[name] = `${rows[0]!.count} rows, ${rows[0]!.digest ?? 'empty'}`;
    }
    return result;
  } finally {
    await client.end();
  }
}

function filesFingerprint(dir: string, prefix = ''): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = path.join(prefix, entry.name);
    if (entry.isDirectory()) Object.assign(result, filesFingerprint(dir, relative));
    else
      result[relative] = createHash('sha256')
        .update(readFileSync(path.join(dir, relative)))
        .digest('hex');
  }
  return result;
}

describe('backup and restore', () => {
  let database: { name: string; url: string };
  const backupDir = tempDir('backups');

  beforeAll(async () => {
    database = await createScratchDatabase('backup');
    migrateAndSeed(database.url);
  });
  afterAll(async () => {
    if (database) await dropDatabase(database.name);
  });

  it('restores every table of a dropped database exactly', async () => {
    const before = await fingerprint(database.url);
    expect(Object.keys(before).length).toBeGreaterThan(10);
    expect(before['public.users']).not.toMatch(/^0 rows/);

    const backup = run('bash', ['backup/database-backup.sh', '--database-url', database.url, '--dir', backupDir]);
    expect(backup.code, backup.stderr).toBe(0);
    const file = backup.stdout.trim();
    expect(file).toMatch(/caretracker_backup_\d{8}_\d{6}\.dump$/);
    expect(statSync(file).size).toBeGreaterThan(1000);
    console.log(`database backup: ${statSync(file).size} bytes`);

    await dropDatabase(database.name);
    const restore = run('bash', [
      'disaster-recovery/restore.sh',
      '--yes',
      'latest',
      '--database-url',
      database.url,
      '--dir',
      backupDir,
      '--skip-files',
    ]);
    expect(restore.code, restore.stderr).toBe(0);
    expect(await fingerprint(database.url)).toEqual(before);
  });

  it('refuses a backup whose checksum does not match', () => {
    const [dump] = readdirSync(backupDir).filter((name) => name.endsWith('.dump'));
    writeFileSync(path.join(backupDir, `${dump}.sha256`), `${'0'.repeat(64)}\n`);
    const restore = run('bash', [
      'disaster-recovery/restore.sh',
      '--yes',
      '--database-url',
      database.url,
      '--dir',
      backupDir,
      '--skip-files',
    ]);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toMatch(/checksum mismatch/);
  });

  it('restores the uploaded files exactly, keeping the replaced folder aside', () => {
    const root = tempDir('uploads');
    const uploads = path.join(root, 'uploads');
    mkdirSync(path.join(uploads, 'care-plans', 'client-1'), { recursive: true });
    writeFileSync(path.join(uploads, 'care-plans', 'client-1', 'plan.pdf'), Buffer.alloc(200_000, 7));
    writeFileSync(path.join(uploads, 'photo with spaces.jpg'), createHash('sha512').update('x').digest());
    writeFileSync(path.join(uploads, 'notes.txt'), 'medication list\n');
    const before = filesFingerprint(uploads);

    const backup = run('bash', ['backup/files-backup.sh', '--uploads', uploads, '--dir', backupDir]);
    expect(backup.code, backup.stderr).toBe(0);
    console.log(`files backup: ${statSync(backup.stdout.trim()).size} bytes`);

    writeFileSync(path.join(uploads, 'notes.txt'), 'overwritten by mistake\n');
    writeFileSync(path.join(uploads, 'stray.tmp'), 'not in the backup');
    const restore = run('bash', [
      'disaster-recovery/restore.sh',
      '--yes',
      '--uploads',
      uploads,
      '--dir',
      backupDir,
      '--skip-database',
    ]);
    expect(restore.code, restore.stderr).toBe(0);
    expect(filesFingerprint(uploads)).toEqual(before);
    expect(readdirSync(root).some((name) => name.startsWith('uploads.before-restore-'))).toBe(true);
  });
});
