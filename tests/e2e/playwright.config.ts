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
  // One project per app: every spec runs against each app with that app's demo user.
  projects: APPS_UNDER_TEST.map((app) => ({ name: app.key, use: { baseURL: app.url, app } })),
});
