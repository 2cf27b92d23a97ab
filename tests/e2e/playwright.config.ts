import { defineConfig } from '@playwright/test';
import { APPS_UNDER_TEST, type AppUnderTest } from './apps-under-test';

// Debian's Chromium: `playwright install` cannot download browsers on these machines.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const APP_ONLY_SPECS = [
  { app: 'admin', file: '**/admin.spec.ts' },
  { app: 'admin', file: '**/mfa-enrolment.spec.ts' },
  { app: 'mobile-web', file: '**/pwa.spec.ts' },
  // Each app's own journeys, by their file names: not collected (and skipped) in the other apps.
  { app: 'admin', file: '**/admin-*.spec.ts' },
  { app: 'mobile-web', file: '**/mobile-web-*.spec.ts' },
  { app: 'web', file: '**/web-portal*.spec.ts' },
];
// Iterates over tests/e2e/routes.ts itself (every app, every role): one project of its own.
const EVERY_ROUTE_SPEC = '**/every-route.spec.ts';
// Writes script payloads into every free text, then opens every route of routes.ts as each role.
const STORED_XSS_SPEC = '**/stored-xss.spec.ts';

/** The apps and the API must already be running: `pnpm test:e2e` starts them on a fresh database. */
export default defineConfig<{ app: AppUnderTest }>({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  retries: 0,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  reporter: 'list',
  use: {
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  // One project per app: the shared specs run against each app with that app's demo user;
  // the app-only specs above run in their own app's project alone.
  projects: [
    ...APPS_UNDER_TEST.map((app) => ({
      name: app.key,
      use: { baseURL: app.url, app },
      testIgnore: [
        ...APP_ONLY_SPECS.filter((spec) => spec.app !== app.key).map((spec) => spec.file),
        EVERY_ROUTE_SPEC,
        STORED_XSS_SPEC,
      ],
    })),
    { name: 'every-route', testMatch: EVERY_ROUTE_SPEC },
    { name: 'stored-xss', testMatch: STORED_XSS_SPEC },
  ],
});
