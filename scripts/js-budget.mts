// `pnpm test budget`: the initial JavaScript (gzip) of every route in tests/e2e/routes.ts, from the
// apps' production builds (built first when out of date), against the budgets in
// tests/e2e/initial-js.ts. Prints one row per route, then `budget: N passed, N failed`.
//
//   node --import tsx scripts/js-budget.mts [--json FILE]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { initialJs, JS_BUDGET_KB, kB, type RouteJs } from '../tests/e2e/initial-js.ts';
import { type AppKey, ROUTES } from '../tests/e2e/routes.ts';
import { buildStaleApps } from './lib/builds.mjs';

const { values } = parseArgs({ options: { json: { type: 'string' } } });

await buildStaleApps({ ...process.env, NEXT_TELEMETRY_DISABLED: '1' });

interface Row {
  app: AppKey;
  route: string;
  title: string;
  chunks: number;
  rawKb: number;
  gzipKb: number;
  budgetKb: number;
  problem?: string;
}

const rows: Row[] = [];
const apps = [...new Set(ROUTES.map((route) => route.app))];
for (const app of apps) {
  let stats: Map<string, RouteJs>;
  try {
    stats = initialJs(app);
  } catch (error) {
    stats = new Map();
    console.error(`${app}: ${error instanceof Error ? error.message : error}`);
  }
  for (const route of ROUTES.filter((entry) => entry.app === app)) {
    const js = stats.get(route.path);
    const budgetKb = JS_BUDGET_KB[app];
    const gzipKb = js ? js.gzipBytes / 1000 : Number.NaN;
    rows.push({
      app,
      route: route.path,
      title: route.title,
      chunks: js?.chunks.length ?? 0,
      rawKb: js ? js.bytes / 1000 : Number.NaN,
      gzipKb,
      budgetKb,
      problem: !js
        ? 'not in the build (route-bundle-stats.json): rebuild'
        : gzipKb > budgetKb
          ? `over budget by ${(gzipKb - budgetKb).toFixed(1)} kB`
          : undefined,
    });
  }
}

const header = ['app', 'route', 'title', 'chunks', 'raw kB', 'gzip kB', 'budget kB', 'result'];
const table = rows.map((row) => [
  row.app,
  row.route,
  row.title,
  String(row.chunks),
  Number.isNaN(row.rawKb) ? '-' : kB(row.rawKb * 1000),
  Number.isNaN(row.gzipKb) ? '-' : kB(row.gzipKb * 1000),
  String(row.budgetKb),
  row.problem ? `FAIL ${row.problem}` : 'ok',
]);
const widths = header.map((title, column) =>
  Math.max(title.length, ...table.map((cells) => cells[column]?.length ?? 0)),
);
const numeric = new Set([3, 4, 5, 6]);
const line = (cells: string[]) =>
  cells
    .map((cell, column) =>
      numeric.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
    )
    .join('  ');
console.log('Initial JavaScript per route (gzip, 1 kB = 1000 bytes), from the production builds:');
console.log(line(header));
for (const cells of table) console.log(line(cells));

if (values.json) writeFileSync(values.json, `${JSON.stringify(rows, null, 2)}\n`);
const failed = rows.filter((row) => row.problem).length;
console.log(`budget: ${rows.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
