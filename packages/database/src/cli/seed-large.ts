import { parseArgs } from 'node:util';
import bcrypt from 'bcrypt';
import pg from 'pg';
import { createDatabase } from '../client';
import { loadProjectEnvFile } from '../env';
import { migrateDatabase } from '../migrate';
import { dataEncryptionKeyFor } from '../secrets/installation-keys';
import { createSecretBox } from '../secrets/secret-box';
import { DEMO_ADMIN_TOTP_SECRET, DEMO_PASSWORD } from '../seed/demo-people';
import { checkLargeOptions, countRows, generateLargeAgency } from '../seed/large/generate';

const USAGE = `usage: pnpm database:seed:large -- [--clients 20000] [--workers 2000] [--months 12] [--visits-per-week 1] [--force]
Generates a large agency (about 1,000,000 visits with the defaults) into the PostgreSQL database named by DATABASE_URL.`;

function fail(message: string): never {
  console.error(`seed:large: ${message}`);
  process.exit(1);
}

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    clients: { type: 'string', default: '20000' },
    workers: { type: 'string', default: '2000' },
    months: { type: 'string', default: '12' },
    'visits-per-week': { type: 'string', default: '1' },
    force: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const options = {
  clients: Number(values.clients),
  workers: Number(values.workers),
  months: Number(values.months),
  visitsPerWeek: Number(values['visits-per-week']),
};
const problem = checkLargeOptions(options);
if (problem) fail(`${problem}\n${USAGE}`);

loadProjectEnvFile();
const url = process.env.DATABASE_URL;
if (!url) {
  fail('DATABASE_URL is not set. The large agency needs PostgreSQL; the embedded PGlite engine is for the demo only.');
}
if (!/^postgres(ql)?:\/\//.test(url)) fail('DATABASE_URL must be a postgresql:// connection string.');

const started = performance.now();
const handle = createDatabase({ url, poolSize: 1 });
try {
  await migrateDatabase(handle);
} finally {
  await handle.close();
}

// One connection without a statement timeout: each INSERT … SELECT writes a month of visits.
const db = new pg.Client({ connectionString: url, statement_timeout: 0 });
await db.connect();
try {
  const { rows } = await db.query<{ users: string; bench: boolean }>(
    `select count(*) users, bool_or(email like '%@bench.caretracker.dev') bench from users`,
  );
  const existing = Number(rows[0]?.users);
  if (rows[0]?.bench)
    fail('this database already holds a generated agency (…@bench.caretracker.dev); use a fresh database.');
  if (existing > 0 && !values.force) {
    fail(
      `the database already has ${existing} users; use an empty database, or pass --force to add the agency anyway.`,
    );
  }
  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, Number(process.env.BCRYPT_SALT_ROUNDS) || 12);
  console.log(
    `generating ${options.clients} clients, ${options.workers} workers, ${options.months} months (${options.visitsPerWeek} visit/week per client)`,
  );
  await generateLargeAgency(db, {
    ...options,
    passwordHash,
    // Sealed like every stored TOTP secret, with the key the server will open it with.
    mfaSecret: createSecretBox(dataEncryptionKeyFor(process.env)).seal(DEMO_ADMIN_TOTP_SECRET),
    log: (line) => console.log(`  ${line}`),
  });
  const counts = await countRows(db);
  const width = Math.max(...Object.keys(counts).map((table) => table.length));
  for (const [table, n] of Object.entries(counts))
    console.log(`${table.padEnd(width)} ${n.toLocaleString('en-US').padStart(11)}`);
  const size = await db.query<{ size: string }>('select pg_size_pretty(pg_database_size(current_database())) size');
  console.log(`database size ${size.rows[0]?.size}; elapsed ${((performance.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await db.end();
}
