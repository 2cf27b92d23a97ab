// Lighthouse 12 on the main routes of routes.ts (`main: true`), mobile and desktop presets, signed
// in as each route's first role: the session cookie of a real API login goes in Lighthouse's
// extraHeaders. Prints a table of scores and writes bench/results/lighthouse.json (summary) and the
// full reports under bench/results/lighthouse/ (gitignored). The stack must be running:
// `pnpm lighthouse` (scripts/lighthouse.mjs) builds and starts it, then runs this file.
//
//   node --import tsx lighthouse.ts [--app web]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { generate } from 'otplib';
import { APPS_UNDER_TEST, DEMO_PASSWORD, DEMO_TOTP_SECRET, type DemoUser, SUPERVISOR } from './apps-under-test';
import { ROOT } from './initial-js';
import { type AppKey, ROUTES, type Role, resolvePath } from './routes';

const { values } = parseArgs({ options: { app: { type: 'string' } } });
const API_URL = process.env.E2E_API_URL ?? 'http://localhost:4000';
const RESULTS = path.join(ROOT, 'bench', 'results');
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
// The flags of playwright.config.ts, headless.
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const PRESETS = { mobile: undefined, desktop: desktopConfig } as const;

const appOf = (key: AppKey) => APPS_UNDER_TEST.find((app) => app.key === key) ?? APPS_UNDER_TEST[0]!;
const USERS: Record<Role, DemoUser> = {
  CLIENT: appOf('web').user,
  WORKER: appOf('mobile-web').user,
  ADMIN: appOf('admin').user,
  SUPERVISOR,
};

async function post(apiPath: string, body: unknown) {
  const response = await fetch(`${API_URL}${apiPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${apiPath}: ${response.status} ${await response.text()}`);
  return response;
}

/** A TOTP code with at least 5 s left in its step. */
async function totpCode() {
  const secondsLeft = 30 - (Math.floor(Date.now() / 1000) % 30);
  if (secondsLeft < 5) await new Promise((resolve) => setTimeout(resolve, (secondsLeft + 1) * 1000));
  return generate({ secret: DEMO_TOTP_SECRET });
}

/** Signs in through the API as the apps do (cookie delivery) and returns the access cookie as a header value. */
async function sessionCookie(user: DemoUser): Promise<string> {
  let response = await post('/auth/login', { email: user.email, password: DEMO_PASSWORD });
  const { data } = (await response.clone().json()) as { data: { status: string; mfaToken?: string } };
  if (data.status === 'mfa_required')
    response = await post('/auth/mfa/verify', { mfaToken: data.mfaToken, code: await totpCode() });
  const access = response.headers.getSetCookie().find((cookie) => cookie.startsWith('ct_access='));
  if (!access) throw new Error(`no ct_access cookie for ${user.email}`);
  return access.split(';')[0] as string;
}

interface Run {
  app: AppKey;
  route: string;
  url: string;
  as: Role | 'public';
  preset: keyof typeof PRESETS;
  scores: Record<(typeof CATEGORIES)[number], number | null>;
  metrics: { fcpMs: number; lcpMs: number; tbtMs: number; cls: number };
  report: string;
}

const cookies = new Map<Role, string>();
const targets = ROUTES.filter((route) => route.main && (!values.app || route.app === values.app));
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: CHROME_FLAGS,
});
const runs: Run[] = [];
let environment = { lighthouseVersion: '', userAgent: '' };
mkdirSync(path.join(RESULTS, 'lighthouse'), { recursive: true });
try {
  for (const route of targets) {
    const as = route.roles === 'public' ? 'public' : (route.roles[0] as Role);
    if (as !== 'public' && !cookies.has(as)) cookies.set(as, await sessionCookie(USERS[as]));
    const cookie = as === 'public' ? undefined : cookies.get(as);
    const urlPath = await resolvePath(route, {
      role: as,
      get: async (apiPath) => {
        const response = await fetch(`${API_URL}${apiPath}`, { headers: cookie ? { cookie } : {} });
        if (!response.ok) throw new Error(`GET ${apiPath}: ${response.status}`);
        return ((await response.json()) as { data: never }).data;
      },
    });
    const url = `${appOf(route.app).url}${urlPath}`;
    for (const [preset, config] of Object.entries(PRESETS) as [keyof typeof PRESETS, typeof desktopConfig][]) {
      const result = await lighthouse(
        url,
        {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: [...CATEGORIES],
          ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
        },
        config,
      );
      if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`${url} (${preset}): ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      environment = { lighthouseVersion: lhr.lighthouseVersion, userAgent: lhr.environment.hostUserAgent };
      const slug = urlPath === '/' ? 'home' : urlPath.slice(1).replace(/[^a-z0-9]+/gi, '-');
      const report = path.join('bench', 'results', 'lighthouse', `${route.app}_${slug}_${preset}.report.json`);
      writeFileSync(path.join(ROOT, report), result.report as string);
      const metric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
      runs.push({
        app: route.app,
        route: route.path,
        url,
        as,
        preset,
        scores: Object.fromEntries(
          CATEGORIES.map((id) => {
            const score = lhr.categories[id]?.score;
            return [id, typeof score === 'number' ? Math.round(score * 100) : null];
          }),
        ) as Run['scores'],
        metrics: {
          fcpMs: Math.round(metric('first-contentful-paint')),
          lcpMs: Math.round(metric('largest-contentful-paint')),
          tbtMs: Math.round(metric('total-blocking-time')),
          cls: Number(metric('cumulative-layout-shift').toFixed(3)),
        },
        report,
      });
      const last = runs.at(-1) as Run;
      console.log(`${route.app} ${urlPath} (${as}, ${preset}): ${CATEGORIES.map((id) => last.scores[id]).join(' / ')}`);
    }
  }
} finally {
  chrome.kill();
}

const header = ['app', 'route', 'as', 'preset', 'perf', 'a11y', 'best pr.', 'SEO', 'FCP ms', 'LCP ms', 'TBT ms', 'CLS'];
const rows = runs.map((run) => [
  run.app,
  run.route,
  run.as,
  run.preset,
  ...CATEGORIES.map((id) => String(run.scores[id] ?? '-')),
  String(run.metrics.fcpMs),
  String(run.metrics.lcpMs),
  String(run.metrics.tbtMs),
  String(run.metrics.cls),
]);
const widths = header.map((title, column) =>
  Math.max(title.length, ...rows.map((cells) => cells[column]?.length ?? 0)),
);
const line = (cells: string[]) =>
  cells.map((cell, column) => (column < 4 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)));
console.log(`\nLighthouse ${environment.lighthouseVersion}, ${environment.userAgent}`);
console.log(line(header).join('  '));
for (const cells of rows) console.log(line(cells).join('  '));

writeFileSync(
  path.join(RESULTS, 'lighthouse.json'),
  `${JSON.stringify({ date: new Date().toISOString(), ...environment, runs }, null, 2)}\n`,
);
console.log(`\nSummary: bench/results/lighthouse.json; full reports: bench/results/lighthouse/`);
