// The baseline: a bare Fastify route per read scenario running the scenario's SQL through `pg`
// (no session, access rules, validation or audit), on the same database, for `bench/run.mts`.
//   DATABASE_URL=… node --import tsx bench/baseline.mts [port]
import { createRequire } from 'node:module';
import path from 'node:path';
import { registerQueryCodeRoutes } from './baseline-query-code.mts';
import {
  clientHistory,
  type HotQuery,
  monthReport,
  officeCount,
  officePage,
  visitDetail,
  workerDay,
} from './hot-queries.mts';

const ROOT = path.resolve(import.meta.dirname, '..');
const require = createRequire(path.join(ROOT, 'packages/api/package.json'));
const Fastify = require('fastify') as typeof import('fastify').default;
const pg = require('pg') as typeof import('pg').default;
const bcrypt = require('bcrypt') as typeof import('bcrypt');

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 20) });
const app = Fastify({ logger: false });
const run = async (query: HotQuery) => (await pool.query(query.text, query.values)).rows;
type Q = Record<string, string>;

app.get('/today', async (request) => {
  const q = request.query as Q;
  return { data: await run(workerDay(q.worker!, new Date(q.from!), new Date(q.to!))) };
});
app.get('/visit', async (request) => {
  const q = request.query as Q;
  return { data: (await run(visitDetail(q.id!, q.worker!)))[0] };
});
app.get('/history', async (request) => {
  const q = request.query as Q;
  return { data: await run(clientHistory(q.client!, new Date(q.from!), new Date(q.to!))) };
});
// Sign-in's own work: the account by email and the bcrypt comparison (no session, token or audit row).
app.post('/login', async (request) => {
  const body = request.body as { email: string; password: string };
  const [user] = await run({ text: 'select id, password_hash from users where email = $1', values: [body.email] });
  return { data: { ok: Boolean(user && (await bcrypt.compare(body.password, user.password_hash as string))) } };
});
app.get('/office', async (request) => {
  const q = request.query as Q;
  const [from, to] = [new Date(q.from!), new Date(q.to!)];
  const [rows, count] = await Promise.all([run(officePage(from, to)), run(officeCount(from, to))]);
  return { data: rows.slice(0, 50), count: count[0] };
});
app.get('/report', async (request) => {
  const q = request.query as Q;
  const parts = await Promise.all(monthReport(new Date(q.from!), new Date(q.to!), q.tz ?? 'UTC').map(run));
  return { data: parts };
});
registerQueryCodeRoutes(app, process.env.DATABASE_URL!, Number(process.env.POOL_SIZE ?? 20));
await app.listen({ host: '127.0.0.1', port: Number(process.argv[2] ?? 4101) });
console.log('baseline ready');
const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
