// Every route of every app (tests/e2e/routes.ts), signed in as each role it is for (signed out for
// public ones), in English and Spanish, at 100% and 200% zoom: no WCAG 2.2 AA violation (axe), no
// horizontal scrolling, `<html lang>` as the NEXT_LOCALE cookie says, one h1, an icon that loads.
//
// 200% zoom is emulated the way Chromium's page zoom works: the same 1280×800 window shows half as
// many CSS pixels (viewport 640×400 at device scale factor 2), so media queries, wrapping and text
// size behave as for a person at 200%. (CSS `zoom` on <html> would not trigger the breakpoints.)
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { APPS_UNDER_TEST, DEMO_PASSWORD, type DemoUser, SUPERVISOR } from '../apps-under-test';
import { type AppKey, ROUTES, type Role, type RouteEntry, resolvePath, routeLabel } from '../routes';
import { describeViolations, wcagViolations } from './axe-report';
import { apiSignIn, expect, test } from './fixtures';

const API_URL = process.env.E2E_API_URL ?? 'http://localhost:4000';
const LOCALES = ['en', 'es'] as const;
const ZOOMS = [
  { name: '100%', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  { name: '200%', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
] as const;

const appOf = (key: AppKey) => APPS_UNDER_TEST.find((app) => app.key === key) ?? APPS_UNDER_TEST[0]!;
const USERS: Record<Role, DemoUser> = {
  CLIENT: appOf('web').user,
  WORKER: appOf('mobile-web').user,
  ADMIN: appOf('admin').user,
  SUPERVISOR,
};

/** Signs in through the API (password, then TOTP where the user has it); the cookies land in the context. */
async function signInByApi(request: APIRequestContext, user: DemoUser) {
  await apiSignIn(request, API_URL, { email: user.email, password: DEMO_PASSWORD }, user.totp);
}

/** A signed-in session for the role, kept for every visit of the group (one sign-in per worker). */
async function sessionFor(browser: Browser, role: Role | 'public') {
  const context = await browser.newContext();
  if (role !== 'public') await signInByApi(context.request, USERS[role]);
  const state = await context.storageState();
  await context.close();
  return state;
}

/** Loads the screen, waits until it has settled, and checks it the way the header says. */
async function expectUsableScreen(page: Page, urlPath: string, locale: string, zoom: string) {
  const response = await page.goto(urlPath);
  expect(response?.status(), `HTTP status of ${urlPath}`).toBeLessThan(400);
  await page.waitForLoadState('networkidle');
  // Signed in and still here: not sent to /login, nothing left loading, one h1.
  expect(new URL(page.url()).pathname, 'the page stayed on its route').toBe(urlPath);
  await expect(page.locator('[aria-busy="true"]'), 'still loading').toHaveCount(0);
  await expect(page.locator('h1'), 'one h1 per page').toHaveCount(1);

  // From here on, every problem of the page is reported, not just the first.
  await expect.soft(page.locator('html'), 'the language follows NEXT_LOCALE').toHaveAttribute('lang', locale);
  const { scrollWidth, clientWidth } = await page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
  });
  expect
    .soft(scrollWidth, `horizontal scrolling at ${zoom}: content ${scrollWidth} px wide in a ${clientWidth} px window`)
    .toBeLessThanOrEqual(clientWidth);
  // The tab shows the app's icon: named in the page and served (a missing one is a 404 in the
  // console, which Lighthouse's best practices count against the page).
  const icon = await page.locator('link[rel="icon"]').first().getAttribute('href');
  expect.soft(icon, 'a <link rel="icon">').toBeTruthy();
  if (icon) expect.soft((await page.request.get(icon)).status(), `the icon ${icon}`).toBe(200);
  const violations = await wcagViolations(page);
  expect
    .soft(
      violations.length,
      `WCAG 2.2 AA violations on ${urlPath} (${locale}, ${zoom}):\n${describeViolations(violations)}`,
    )
    .toBe(0);
}

test.describe.configure({ mode: 'parallel' });

const audiences = (route: RouteEntry): (Role | 'public')[] =>
  route.roles === 'public' ? ['public'] : [...route.roles];
const groups = new Map<string, { app: AppKey; role: Role | 'public'; routes: RouteEntry[] }>();
for (const route of ROUTES) {
  for (const role of audiences(route)) {
    const name = `${route.app} as ${role === 'public' ? 'a visitor' : role}`;
    const group = groups.get(name) ?? { app: route.app, role, routes: [] };
    group.routes.push(route);
    groups.set(name, group);
  }
}

for (const [name, { app, role, routes }] of groups) {
  test.describe(name, () => {
    let storageState: Awaited<ReturnType<typeof sessionFor>>;
    test.beforeAll(async ({ browser }) => {
      storageState = await sessionFor(browser, role);
    });

    for (const route of routes) {
      for (const locale of LOCALES) {
        for (const zoom of ZOOMS) {
          test(`${routeLabel(route, role)} · ${locale} · ${zoom.name}`, async ({ browser }) => {
            const baseURL = appOf(app).url;
            const context = await browser.newContext({
              baseURL,
              storageState,
              viewport: zoom.viewport,
              deviceScaleFactor: zoom.deviceScaleFactor,
            });
            try {
              await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL }]);
              const page = await context.newPage();
              const urlPath = await resolvePath(route, {
                role,
                get: async (apiPath) => {
                  const response = await context.request.get(`${API_URL}${apiPath}`);
                  expect(response.ok(), `GET ${apiPath} for the sample parameters`).toBe(true);
                  return (await response.json()).data;
                },
              });

              await expectUsableScreen(page, urlPath, locale, zoom.name);
            } finally {
              await context.close();
            }
          });
        }
      }
    }
  });
}
