// `pnpm bench`: the API built for production against the large-agency seed, driven over HTTP by
// autocannon with many seeded users' real tokens, each scenario beside a bare Fastify + `pg`
// baseline running the same SQL, in interleaved rounds. Writes bench/results/<date>.json and .md.
//
//   pnpm bench [-- --duration 10 --rounds 3 --users 200 --only today,detail --skip-build]
//
// BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/caretracker_bench) is seeded
// with `pnpm database:seed:large` when it holds no bench agency, and migrated otherwise.
// API on 4100, baseline on 4101; REDIS_URL (default redis://127.0.0.1:6379) under its own prefix.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import {
  clientHistory,
  type HotQuery,
  monthReport,
  officeCount,
  officePage,
  visitDetail,
  workerDay,
} from './hot-queries.mts';
import {
  ensureBudgets,
  loginScenario,
  moreScenarios,
  PASSWORD,
  type Scenario,
  seededAccounts,
  type Target,
} from './more-scenarios.mts';

const ROOT = path.resolve(import.meta.dirname, '..');
const require = createRequire(path.join(ROOT, 'packages/api/package.json'));
const pg = require('pg') as typeof import('pg').default;

// `pnpm bench -- --only …` hands the script a literal `--` first (pnpm 10 passes it on).
const argv = process.argv.slice(2);
const { values: args } = parseArgs({
  args: argv[0] === '--' ? argv.slice(1) : argv,
  options: {
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    users: { type: 'string', default: '200' },
    only: { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
    /** Leave the database's schema as it is (to measure an older build against it). */
    'skip-migrate': { type: 'boolean', default: false },
    'pool-size': { type: 'string', default: '20' },
    /** Writes a V8 CPU profile of the API to bench/results/profiles/ (read it in Chrome DevTools). */
    profile: { type: 'boolean', default: false },
  },
});
const DURATION = Number(args.duration);
const ROUNDS = Number(args.rounds);
const USERS = Number(args.users);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/caretracker_bench';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const API_PORT = 4100;
const BASE_PORT = 4101;
const ADMIN_TOTP = 'KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD';
const TIME_ZONE = 'America/New_York';

const log = (...parts: unknown[]) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...parts);

// ── Database ────────────────────────────────────────────────────────────────────────────────
const dbName = new URL(DATABASE_URL).pathname.slice(1);
const adminUrl = new URL(DATABASE_URL);
adminUrl.pathname = '/postgres';
async function prepareDatabase() {
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [dbName])).rowCount;
  if (!exists) await admin.query(`create database "${dbName}"`);
  await admin.end();
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const seeded = await client
    .query(`select 1 from users where email = 'worker-1@bench.caretracker.dev'`)
    .then((r) => (r.rowCount ?? 0) > 0)
    .catch(() => false);
  await client.end();
  const env = { ...process.env, DATABASE_URL };
  if (!seeded) {
    log('seeding the large agency (a few minutes)');
    execFileSync('pnpm', ['database:seed:large'], { cwd: ROOT, env, stdio: 'inherit' });
  } else if (!args['skip-migrate']) {
    execFileSync('pnpm', ['--silent', 'database:migrate'], { cwd: ROOT, env, stdio: 'inherit' });
  }
}

// ── Processes ───────────────────────────────────────────────────────────────────────────────
const children: ChildProcess[] = [];
process.on('exit', () => {
  for (const child of children) child.kill('SIGTERM');
});
process.on('SIGINT', () => process.exit(130));

async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

function dataKey(): string {
  if (process.env.DATA_ENCRYPTION_KEY) return process.env.DATA_ENCRYPTION_KEY;
  return readFileSync(path.join(ROOT, 'data/keys/data-encryption-key'), 'utf8').trim();
}

/**
 * The bundle keeps npm packages external, resolved from packages/api/node_modules; the image
 * installs the database package's too (`pnpm deploy`). Here they are linked under dist/ instead.
 */
function linkBundleDependencies() {
  const into = path.join(ROOT, 'packages/api/dist/node_modules');
  for (const name of ['@electric-sql/pglite', 'pg', 'bcrypt', 'drizzle-orm']) {
    const link = path.join(into, name);
    if (existsSync(link)) continue;
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(realpathSync(path.join(ROOT, 'packages/database/node_modules', name)), link);
  }
}

async function startApi(): Promise<{ child: ChildProcess; readyMs: number }> {
  linkBundleDependencies();
  const started = Date.now();
  const profile = args.profile ? ['--cpu-prof', '--cpu-prof-dir', path.join(ROOT, 'bench/results/profiles')] : [];
  const child = spawn('node', [...profile, 'packages/api/dist/bin/server.js'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn', // docker-compose.prod.yml's default
      API_HOST: '127.0.0.1',
      API_PORT: String(API_PORT),
      DATABASE_URL,
      DATABASE_POOL_SIZE: args['pool-size'],
      REDIS_URL,
      REDIS_KEY_PREFIX: 'caretracker:perf-bench',
      JWT_SECRET: randomBytes(48).toString('base64'),
      DATA_ENCRYPTION_KEY: dataKey(),
      // Served over plain HTTP on loopback here; production has TLS in front.
      FORCE_HTTPS: 'false',
      SECURE_COOKIES: 'false',
      RATE_LIMIT_MAX: '1000000',
      RATE_LIMIT_AUTH_MAX: '10000',
      DATA_DIR: path.join(ROOT, 'bench/.data'),
    },
  });
  children.push(child);
  child.on('exit', (code) => {
    if (code !== null && code !== 0) {
      console.error(`the API exited with ${code}`);
      process.exit(1);
    }
  });
  // The first start after the seed seals the clients' identifiers (a minute or more on a busy machine).
  await waitFor(`http://127.0.0.1:${API_PORT}/health/ready`, 600_000);
  return { child, readyMs: Date.now() - started };
}

async function startBaseline(): Promise<ChildProcess> {
  const child = spawn('node', ['--import', 'tsx', 'bench/baseline.mts', String(BASE_PORT)], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DATABASE_URL, POOL_SIZE: args['pool-size'], DATA_ENCRYPTION_KEY: dataKey() },
  });
  children.push(child);
  await waitFor(`http://127.0.0.1:${BASE_PORT}/office?from=2000-01-01&to=2000-01-02`);
  return child;
}

function procStat(pid: number) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuMs: (ticks * 1000) / 100, rssMb: Number(rss?.[1] ?? 0) / 1024 };
}

// ── Logins ──────────────────────────────────────────────────────────────────────────────────
function totp(secret: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of secret) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((byte) => Number.parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[19]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

async function post(pathname: string, body: unknown) {
  const response = await fetch(`http://127.0.0.1:${API_PORT}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { data?: Record<string, unknown>; error?: unknown };
  if (!response.ok) throw new Error(`${pathname} ${response.status}: ${JSON.stringify(json)}`);
  return json.data!;
}

async function login(email: string): Promise<string> {
  const first = await post('/auth/login', { email, password: PASSWORD, tokenDelivery: 'body' });
  if (typeof first.accessToken === 'string') return first.accessToken;
  if (typeof first.mfaToken === 'string') {
    const second = await post('/auth/mfa/verify', {
      mfaToken: first.mfaToken,
      code: totp(ADMIN_TOTP),
      tokenDelivery: 'body',
    });
    return second.accessToken as string;
  }
  throw new Error(`login of ${email}: ${JSON.stringify(first)}`);
}

async function loginAll(emails: string[], concurrency = 4) {
  const tokens: string[] = new Array(emails.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < emails.length) {
        const index = next++;
        tokens[index] = await login(emails[index]!);
      }
    }),
  );
  return tokens;
}

// ── Load ────────────────────────────────────────────────────────────────────────────────────
interface Figures {
  rps: number;
  shedPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  status503: number;
  shedP99: number;
  rssMb?: number;
  cpuMsPerRequest?: number;
  transactionsPerRequest?: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? 0
    : Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;

async function pgTransactions(client: InstanceType<typeof pg.Client>) {
  const row = (
    await client.query('select xact_commit + xact_rollback as n from pg_stat_database where datname = $1', [dbName])
  ).rows[0];
  return Number(row?.n ?? 0);
}

async function load(
  port: number,
  targets: Target[],
  connections: number,
  pid: number | undefined,
  stats: InstanceType<typeof pg.Client>,
): Promise<Figures> {
  let index = 0;
  const times: number[] = [];
  let status503 = 0;
  let peakRss = 0;
  const before = pid ? procStat(pid) : null;
  await new Promise((resolve) => setTimeout(resolve, 600)); // lets the stats of the previous run flush
  const transactionsBefore = await pgTransactions(stats);
  const sampler = pid
    ? setInterval(() => {
        peakRss = Math.max(peakRss, procStat(pid).rssMb);
      }, 250)
    : null;
  const instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: DURATION,
    timeout: 10,
    requests: [
      {
        setupRequest: (request) => {
          const target = targets[index++ % targets.length]!;
          const headers: Record<string, string> = target.token ? { authorization: `Bearer ${target.token}` } : {};
          if (target.body === undefined) return { ...request, method: 'GET', path: target.path, headers };
          return {
            ...request,
            method: target.method ?? 'POST',
            path: target.path,
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify(target.body),
          };
        },
      },
    ],
  }) as unknown as autocannon.Instance & Promise<autocannon.Result>;
  const shedTimes: number[] = [];
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode === 503) {
      status503++;
      shedTimes.push(responseTime);
    } else times.push(responseTime);
  });
  const result = await instance;
  if (sampler) clearInterval(sampler);
  await new Promise((resolve) => setTimeout(resolve, 600));
  const transactions = (await pgTransactions(stats)) - transactionsBefore;
  times.sort((a, b) => a - b);
  shedTimes.sort((a, b) => a - b);
  const after = pid ? procStat(pid) : null;
  const requests = result.requests.total;
  return {
    // Answers served (2xx) per second: shed 503s and errors are counted apart, not as throughput.
    rps: Math.round(((requests - result.non2xx) / DURATION) * 10) / 10,
    shedPerSecond: Math.round((status503 / DURATION) * 10) / 10,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: Math.round(times.at(-1) ?? 0),
    /** How quickly a shed request got its 503. */
    shedP99: percentile(shedTimes, 99),
    requests,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    status503,
    ...(before && after
      ? {
          rssMb: Math.round(peakRss),
          cpuMsPerRequest: Math.round(((after.cpuMs - before.cpuMs) / Math.max(requests, 1)) * 100) / 100,
        }
      : {}),
    transactionsPerRequest: Math.round((transactions / Math.max(requests, 1)) * 100) / 100,
  };
}

// ── EXPLAIN ─────────────────────────────────────────────────────────────────────────────────
interface PlanNode {
  'Node Type': string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  'Rows Removed by Join Filter'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}
const SCANS = new Set(['Seq Scan', 'Index Scan', 'Index Only Scan', 'Bitmap Heap Scan']);
function rowsRead(node: PlanNode): number {
  const own = SCANS.has(node['Node Type'])
    ? (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)) *
      node['Actual Loops']
    : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsRead(child), 0);
}
function plannedNodes(node: PlanNode): string[] {
  return [node['Node Type'], ...(node.Plans ?? []).flatMap(plannedNodes)];
}

async function explain(client: InstanceType<typeof pg.Client>, name: string, query: HotQuery) {
  await client.query(query.text, query.values); // warm
  const result = await client.query(`explain (analyze, buffers, format json) ${query.text}`, query.values);
  const plan = result.rows[0]['QUERY PLAN'][0] as { Plan: PlanNode; 'Planning Time': number; 'Execution Time': number };
  const returned = plan.Plan['Actual Rows'];
  const read = rowsRead(plan.Plan);
  const ok = query.aggregate ? true : read <= 10 * Math.max(returned, 1);
  return {
    name,
    planningMs: plan['Planning Time'],
    executionMs: plan['Execution Time'],
    rowsReturned: returned,
    rowsRead: read,
    buffers: (plan.Plan['Shared Hit Blocks'] ?? 0) + (plan.Plan['Shared Read Blocks'] ?? 0),
    nodes: [...new Set(plannedNodes(plan.Plan))],
    check: query.aggregate ? 'aggregate (not applied)' : ok ? 'ok' : 'FAIL: reads more than 10x the rows it returns',
    ok,
    plan,
  };
}

// ── Scenarios ───────────────────────────────────────────────────────────────────────────────

function isoDay(date: Date) {
  return date.toISOString().slice(0, 10);
}

async function main() {
  const startedAt = new Date();
  await prepareDatabase();
  if (!args['skip-build']) {
    log('building the API');
    execFileSync('pnpm', ['--silent', '--filter', '@caretracker/api', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const { child: api, readyMs } = await startApi();
  log(`API ready in ${readyMs} ms`);
  await startBaseline();

  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  const workerRows = (
    await db.query(
      `select id, email from users where role = 'WORKER' and email like 'worker-%@bench.caretracker.dev'
       order by id limit $1`,
      [USERS],
    )
  ).rows as Array<{ id: string; email: string }>;
  log(`signing in ${workerRows.length} workers and the admin (bcrypt)`);
  const loginStarted = Date.now();
  const workerTokens = await loginAll(workerRows.map((row) => row.email));
  const loginMs = (Date.now() - loginStarted) / workerRows.length;
  const [adminToken] = await loginAll(['admin@bench.caretracker.dev'], 1);

  // Today in the agency's zone, as the worker app asks (its local midnight to the next).
  const now = new Date();
  const dayStart = new Date(`${isoDay(now)}T05:00:00Z`);
  const dayEnd = new Date(dayStart.getTime() + 86_400_000);
  const today: Scenario['api'] = [];
  const todayBase: Scenario['baseline'] = [];
  const detail: Scenario['api'] = [];
  const detailBase: Scenario['baseline'] = [];
  for (const [i, worker] of workerRows.entries()) {
    const token = workerTokens[i]!;
    today.push({
      path: `/visits?dateFrom=${dayStart.toISOString()}&dateTo=${dayEnd.toISOString()}&limit=100`,
      token,
    });
    todayBase.push({ path: `/today?worker=${worker.id}&from=${dayStart.toISOString()}&to=${dayEnd.toISOString()}` });
    const visits = (
      await db.query(
        `select id from visits where worker_id = $1 and deleted_at is null and scheduled_start < now()
         order by scheduled_start desc limit 3`,
        [worker.id],
      )
    ).rows as Array<{ id: string }>;
    for (const visit of visits) {
      detail.push({ path: `/visits/${visit.id}`, token });
      detailBase.push({ path: `/visit?id=${visit.id}&worker=${worker.id}` });
    }
  }
  // The office's list: a week of visits, a page of 50, different weeks across the year.
  const office: Target[] = [];
  const officeBase: Target[] = [];
  for (let week = 0; week < 20; week++) {
    const from = new Date(dayStart.getTime() - week * 7 * 86_400_000);
    const to = new Date(from.getTime() + 7 * 86_400_000);
    office.push({
      path: `/office/visits?from=${from.toISOString()}&to=${to.toISOString()}&limit=50`,
      token: adminToken,
    });
    officeBase.push({ path: `/office?from=${from.toISOString()}&to=${to.toISOString()}` });
  }
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const monthEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  const reportFrom = isoDay(monthStart);
  const reportTo = isoDay(monthEnd);
  const report: Target[] = [
    { path: `/reports/visits?from=${reportFrom}&to=${reportTo}&groupBy=day&timeZone=${TIME_ZONE}`, token: adminToken },
  ];
  const reportBounds = {
    from: new Date(`${reportFrom}T05:00:00Z`),
    to: new Date(new Date(`${reportTo}T05:00:00Z`).getTime() + 86_400_000),
  };
  const reportBase: Target[] = [
    {
      path: `/report?from=${reportBounds.from.toISOString()}&to=${reportBounds.to.toISOString()}&tz=${TIME_ZONE}`,
    },
  ];

  const wanted = (name: string) => !args.only || args.only.split(',').some((prefix) => name.startsWith(prefix));
  const more: Scenario[] = [];
  if (['history', 'overview', 'budget', 'search'].some(wanted)) {
    const clientRows = await seededAccounts(db, 'client', Math.min(USERS, 50));
    const supervisorRows = await seededAccounts(db, 'supervisor', 20);
    log(`signing in ${clientRows.length} clients and ${supervisorRows.length} supervisors`);
    const clientTokens = await loginAll(clientRows.map((row) => row.email));
    const supervisorTokens = await loginAll(supervisorRows.map((row) => row.email));
    const adminId = (await db.query(`select id from users where email = 'admin@bench.caretracker.dev'`)).rows[0].id;
    const agencyToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(now);
    const budgets = wanted('budget')
      ? await ensureBudgets(
          db,
          `http://127.0.0.1:${API_PORT}`,
          adminToken!,
          clientRows.map((row) => row.id),
          agencyToday,
        )
      : new Map<string, string>();
    more.push(
      ...moreScenarios({
        db,
        clients: clientRows.map((row, i) => ({ id: row.id, token: clientTokens[i]! })),
        supervisors: supervisorRows.map((row, i) => ({ id: row.id, token: supervisorTokens[i]! })),
        admin: { id: adminId, token: adminToken! },
        budgets,
        now,
      }),
    );
  }
  more.push(loginScenario(workerRows.map((row) => row.email)));

  const scenarios: Scenario[] = [
    {
      name: 'today-50',
      label: "worker's today schedule, 50 connections",
      connections: 50,
      api: today,
      baseline: todayBase,
    },
    {
      name: 'today-100',
      label: "worker's today schedule, 100 connections",
      connections: 100,
      api: today,
      baseline: todayBase,
    },
    {
      name: 'today-1000',
      label: "worker's today schedule, 1,000 connections",
      connections: 1000,
      api: today,
      baseline: todayBase,
    },
    {
      name: 'detail-50',
      label: "one visit's detail, 50 connections",
      connections: 50,
      api: detail,
      baseline: detailBase,
    },
    {
      name: 'office-20',
      label: 'admin visit list, a week, page of 50, 20 connections',
      connections: 20,
      api: office,
      baseline: officeBase,
    },
    {
      name: 'report-1',
      label: 'month visit report by day, 1 connection',
      connections: 1,
      api: report,
      baseline: reportBase,
    },
    {
      name: 'report-5',
      label: 'month visit report by day, 5 connections',
      connections: 5,
      api: report,
      baseline: reportBase,
    },
    ...more,
  ].filter((s) => wanted(s.name));

  // Each target answers 2xx once before measuring (a wrong path would otherwise measure 404s).
  for (const scenario of scenarios) {
    for (const [port, target] of [
      [API_PORT, scenario.api[0]!],
      [BASE_PORT, scenario.baseline[0]!],
    ] as const) {
      const response = await fetch(`http://127.0.0.1:${port}${target.path}`, {
        method: target.body === undefined ? 'GET' : (target.method ?? 'POST'),
        headers: {
          ...(target.token ? { authorization: `Bearer ${target.token}` } : {}),
          ...(target.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(target.body === undefined ? {} : { body: JSON.stringify(target.body) }),
      });
      if (!response.ok) throw new Error(`${scenario.name} on ${port}: ${response.status} ${await response.text()}`);
    }
  }

  const runs: Record<string, { api: Figures[]; baseline: Figures[] }> = {};
  for (let round = 1; round <= ROUNDS; round++) {
    for (const scenario of scenarios) {
      runs[scenario.name] ??= { api: [], baseline: [] };
      const order = round % 2 === 1 ? (['api', 'baseline'] as const) : (['baseline', 'api'] as const);
      for (const side of order) {
        const figures =
          side === 'api'
            ? await load(API_PORT, scenario.api, scenario.connections, api.pid, db)
            : await load(BASE_PORT, scenario.baseline, scenario.connections, undefined, db);
        runs[scenario.name]![side].push(figures);
        log(
          `round ${round} ${scenario.name} ${side}: ${figures.rps} req/s, p50 ${figures.p50} p95 ${figures.p95} p99 ${figures.p99} ms, non-2xx ${figures.non2xx} (503: ${figures.status503}), errors ${figures.errors}`,
        );
      }
    }
  }

  const median = (numbers: number[]) => {
    const sorted = [...numbers].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? 0;
  };
  const range = (numbers: number[]) => [Math.min(...numbers), Math.max(...numbers)];
  const summary = scenarios.map((scenario) => {
    const { api: a, baseline: b } = runs[scenario.name]!;
    const ratios = a.map((figures, i) => figures.rps / Math.max(b[i]!.rps, 0.1));
    const pick = (list: Figures[], key: keyof Figures) => list.map((f) => Number(f[key] ?? 0));
    return {
      scenario: scenario.name,
      label: scenario.label,
      connections: scenario.connections,
      api: {
        rps: { median: median(pick(a, 'rps')), range: range(pick(a, 'rps')) },
        p50: median(pick(a, 'p50')),
        p95: median(pick(a, 'p95')),
        p99: { median: median(pick(a, 'p99')), range: range(pick(a, 'p99')) },
        max: Math.max(...pick(a, 'max')),
        errors: pick(a, 'errors').reduce((x, y) => x + y, 0),
        non2xx: pick(a, 'non2xx').reduce((x, y) => x + y, 0),
        status503: pick(a, 'status503').reduce((x, y) => x + y, 0),
        shedPerSecond: median(pick(a, 'shedPerSecond')),
        shedP99: median(pick(a, 'shedP99')),
        rssMb: Math.max(...pick(a, 'rssMb')),
        cpuMsPerRequest: median(pick(a, 'cpuMsPerRequest')),
        transactionsPerRequest: median(pick(a, 'transactionsPerRequest')),
      },
      baseline: {
        rps: { median: median(pick(b, 'rps')), range: range(pick(b, 'rps')) },
        p50: median(pick(b, 'p50')),
        p95: median(pick(b, 'p95')),
        p99: median(pick(b, 'p99')),
        transactionsPerRequest: median(pick(b, 'transactionsPerRequest')),
      },
      ratio: {
        median: Math.round(median(ratios) * 100) / 100,
        range: range(ratios).map((r) => Math.round(r * 100) / 100),
      },
    };
  });

  log('EXPLAIN (ANALYZE, BUFFERS) of the hot queries');
  const sampleWorker = workerRows[0]!;
  const sampleVisit = (
    await db.query(
      `select id from visits where worker_id = $1 and scheduled_start < now() order by scheduled_start desc limit 1`,
      [sampleWorker.id],
    )
  ).rows[0] as { id: string };
  const weekFrom = new Date(dayStart.getTime() - 7 * 86_400_000);
  const explains = [
    await explain(db, "worker's today schedule", workerDay(sampleWorker.id, dayStart, dayEnd)),
    await explain(db, "one visit's detail", visitDetail(sampleVisit.id, sampleWorker.id)),
    await explain(
      db,
      "client's visit history (90 days)",
      clientHistory(
        (await seededAccounts(db, 'client', 1))[0]!.id,
        new Date(now.getTime() - 90 * 86_400_000),
        new Date(now.getTime() + 86_400_000),
      ),
    ),
    await explain(db, 'admin visit list page', officePage(weekFrom, dayStart)),
    await explain(db, 'admin visit list bounded count', { ...officeCount(weekFrom, dayStart), aggregate: true }),
    ...(await monthReport(reportBounds.from, reportBounds.to, TIME_ZONE).reduce(
      async (done, query, i) => [...(await done), await explain(db, `month visit report, statement ${i + 1}`, query)],
      Promise.resolve([] as Awaited<ReturnType<typeof explain>>[]),
    )),
  ];
  await db.end();

  const results = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: { cpus: (await import('node:os')).cpus().length, load: (await import('node:os')).loadavg() },
    settings: {
      durationSeconds: DURATION,
      rounds: ROUNDS,
      users: workerRows.length,
      poolSize: Number(args['pool-size']),
    },
    commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim(),
    apiStartToReadyMs: readyMs,
    loginMsPerUserAt4Connections: Math.round(loginMs),
    scenarios: summary,
    runs,
    explain: explains,
  };
  const stamp = startedAt.toISOString().replace(/[:]/g, '-').slice(0, 19);
  mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(path.join(ROOT, `bench/results/${stamp}.json`), `${JSON.stringify(results, null, 2)}\n`);
  const markdown = renderMarkdown(results);
  writeFileSync(path.join(ROOT, `bench/results/${stamp}.md`), markdown);
  console.log(`\n${markdown}`);
  log(`wrote bench/results/${stamp}.json and .md`);
  const failed = explains.filter((e) => !e.ok);
  if (failed.length > 0) {
    console.error(`hot paths reading more than 10x the rows they return: ${failed.map((e) => e.name).join(', ')}`);
    process.exitCode = 1;
  }
}

function renderMarkdown(results: {
  startedAt: string;
  commit: string;
  settings: { durationSeconds: number; rounds: number; users: number };
  apiStartToReadyMs: number;
  loginMsPerUserAt4Connections: number;
  scenarios: Array<{
    label: string;
    api: {
      rps: { median: number; range: number[] };
      p50: number;
      p95: number;
      p99: { median: number; range: number[] };
      non2xx: number;
      status503: number;
      shedPerSecond: number;
      shedP99: number;
      errors: number;
      rssMb: number;
      cpuMsPerRequest: number;
      transactionsPerRequest: number;
    };
    baseline: { rps: { median: number }; p99: number; transactionsPerRequest: number };
    ratio: { median: number; range: number[] };
  }>;
  explain: Array<{
    name: string;
    planningMs: number;
    executionMs: number;
    rowsRead: number;
    rowsReturned: number;
    buffers: number;
    check: string;
  }>;
}) {
  const lines = [
    `## ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC, commit ${results.commit}`,
    '',
    `${results.settings.rounds} interleaved rounds of ${results.settings.durationSeconds} s per scenario, ${results.settings.users} workers' tokens; medians (ranges). API start to ready ${results.apiStartToReadyMs} ms; sign-in ${results.loginMsPerUserAt4Connections} ms per user at 4 at a time (bcrypt).`,
    '',
    '| scenario | CareTracker 2xx/s | p50 / p95 / p99 ms (served) | non-2xx (503) / errors | shed 503/s, p99 ms | RSS MB | CPU ms/req | DB xacts/req | baseline req/s, p99 ms | ratio |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const s of results.scenarios) {
    const a = s.api;
    lines.push(
      `| ${s.label} | ${a.rps.median} (${a.rps.range.join('–')}) | ${a.p50} / ${a.p95} / ${a.p99.median} (${a.p99.range.join('–')}) | ${a.non2xx} (${a.status503}) / ${a.errors} | ${a.shedPerSecond}, ${a.shedP99} | ${a.rssMb} | ${a.cpuMsPerRequest} | ${a.transactionsPerRequest} | ${s.baseline.rps.median}, ${s.baseline.p99} | ${s.ratio.median} (${s.ratio.range.join('–')}) |`,
    );
  }
  lines.push(
    '',
    '| hot query | planning ms | execution ms | rows read | rows returned | buffers | check |',
    '|---|---|---|---|---|---|---|',
  );
  for (const e of results.explain) {
    lines.push(
      `| ${e.name} | ${e.planningMs.toFixed(2)} | ${e.executionMs.toFixed(2)} | ${e.rowsRead} | ${e.rowsReturned} | ${e.buffers} | ${e.check} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

await main();
process.exit(process.exitCode ?? 0);
