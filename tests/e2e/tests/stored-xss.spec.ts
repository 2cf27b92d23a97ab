// Stored XSS (issue 15): every text a person can write that a screen shows is written through the
// API with script payloads, then every route of routes.ts is opened in Chromium as each role that
// uses it. A payload that runs sets a `window` flag (or opens a dialog); after each screen has
// settled the flag is still unset. New screens are covered by being in routes.ts.
import { randomBytes } from 'node:crypto';
import type { APIRequestContext, Browser } from '@playwright/test';
import { APPS_UNDER_TEST, DEMO_PASSWORD, type DemoUser, SUPERVISOR } from '../apps-under-test';
import { type AppKey, ROUTES, type Role, resolvePath, routeLabel } from '../routes';
import { API_URL } from './account-helpers';
import { apiSignIn, expect, test } from './fixtures';

const FLAG = '__ctx';
let forms = 0;
/**
 * Markup that runs script when inserted as HTML (an image that fails, the same after breaking out
 * of an attribute, a script element for HTML rendered on the server, in turn), short enough for a 100-character name; `tag` names the field.
 */
const payload = (tag: string, form = forms++ % 3) => {
  const set = `window.${FLAG}='${tag}'`;
  if (form === 0) return `${tag}<img src=x onerror="${set}">`;
  if (form === 1) return `${tag}"'><img src=y onerror="${set}">`;
  return `${tag}<script>${set}</script>`;
};
const PASSWORD = 'Quiet-Lantern-Orchard-73';

interface Writer {
  email: string;
  password: string;
  role: Role;
}

async function bearer(request: APIRequestContext, user: Writer): Promise<string> {
  const login = await request.post(`${API_URL}/auth/login`, {
    data: { email: user.email, password: user.password, tokenDelivery: 'body' },
  });
  expect(login.status(), `sign-in of ${user.email}`).toBe(200);
  return (await login.json()).data.accessToken;
}

async function call(request: APIRequestContext, token: string, method: 'POST' | 'PUT', url: string, data: object) {
  const response = await request.fetch(`${API_URL}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}` },
    data,
  });
  expect(response.status(), `${method} ${url}: ${await response.text()}`).toBeLessThan(300);
  return (await response.json()).data;
}

/** A client and a worker of the demo supervisor's team whose every free text is a payload, with visits and a conversation. */
async function writePayloads(request: APIRequestContext) {
  const supervisor = await bearer(request, { ...SUPERVISOR, password: DEMO_PASSWORD });
  const unique = randomBytes(4).toString('hex');
  const person = async (role: 'CLIENT' | 'WORKER') => {
    const user = {
      email: `e2e-xss-${role.toLowerCase()}-${unique}@caretracker.dev`,
      password: PASSWORD,
      role,
      firstName: payload(`${role[0]}-first`),
      lastName: payload(`${role[0]}-last`),
    };
    const created = await call(request, supervisor, 'POST', '/users', {
      ...user,
      profile: {
        phone: '+1 503 555 0142',
        timezone: 'America/Los_Angeles',
        preferredLanguage: 'en',
        address: {
          line1: payload(`${role[0]}-line1`),
          line2: payload(`${role[0]}-line2`),
          city: payload(`${role[0]}-city`),
          state: 'OR',
          postalCode: '97201',
          country: 'US',
        },
        emergencyContact: {
          name: payload(`${role[0]}-ec`),
          phone: '+1 503 555 0143',
          relationship: payload(`${role[0]}-rel`),
        },
        ...(role === 'CLIENT'
          ? {
              allergies: [payload('allergy')],
              conditions: [payload('condition')],
              medications: [payload('medication')],
              specialNeeds: payload('special-needs'),
              homeLocation: { lat: 45.52, lng: -122.68 },
            }
          : { skills: [payload('skill')] }),
      },
    });
    return { ...user, id: created.id as string };
  };
  const client = await person('CLIENT');
  const worker = await person('WORKER');

  const day = 86_400_000;
  const hour = 3_600_000;
  const base = Math.ceil(Date.now() / hour) * hour;
  for (const offset of [2 * hour, day + 3 * hour, 2 * day + 4 * hour]) {
    await call(request, supervisor, 'POST', '/visits', {
      clientId: client.id,
      workerId: worker.id,
      scheduledStart: new Date(base + offset).toISOString(),
      scheduledEnd: new Date(base + offset + hour).toISOString(),
      notes: payload('visit-notes'),
      privateNotes: payload('visit-private'),
    });
  }
  const conversation = await call(request, supervisor, 'POST', '/conversations', {
    clientId: client.id,
    subject: payload('subject'),
    message: payload('first-message'),
  });
  await call(request, supervisor, 'POST', `/conversations/${conversation.id}/messages`, { body: payload('message') });
  return { client, worker };
}

const appOf = (key: AppKey) => APPS_UNDER_TEST.find((app) => app.key === key)!;
type StorageState = Awaited<ReturnType<import('@playwright/test').BrowserContext['storageState']>>;

/** A signed-in session (the API's cookies, as the apps use them), kept for every screen of the role. */
async function sessionFor(browser: Browser, user: Writer): Promise<StorageState> {
  const context = await browser.newContext();
  try {
    await apiSignIn(context.request, API_URL, { email: user.email, password: user.password }, user.role === 'ADMIN');
    return await context.storageState();
  } finally {
    await context.close();
  }
}

test('the payloads are live: inserted as HTML where nothing defends, they run', async ({ page }) => {
  await page.setContent('<main id="m"></main>');
  for (const [index, markup] of [payload('canary-img', 0), payload('canary-attr', 1)].entries()) {
    await page.evaluate((html) => document.getElementById('m')?.insertAdjacentHTML('beforeend', html), markup);
    await expect
      .poll(() => page.evaluate((name) => (window as unknown as Record<string, unknown>)[name] ?? null, FLAG))
      .toBe(index === 0 ? 'canary-img' : 'canary-attr');
  }
});

test('no stored script runs on any screen, for any role', async ({ browser, request }) => {
  test.setTimeout(15 * 60_000);
  const { client, worker } = await writePayloads(request);
  const readers: Record<Role, Writer> = {
    CLIENT: client,
    WORKER: worker,
    SUPERVISOR: { ...SUPERVISOR, password: DEMO_PASSWORD },
    ADMIN: { ...(appOf('admin').user as DemoUser), password: DEMO_PASSWORD },
  };
  const ran: string[] = [];
  let visited = 0;
  for (const role of ['CLIENT', 'WORKER', 'SUPERVISOR', 'ADMIN'] as const) {
    const routes = ROUTES.filter((route) => route.roles !== 'public' && route.roles.includes(role));
    const storageState = await sessionFor(browser, readers[role]);
    for (const route of routes) {
      const result = await visitOnce(browser, route.app, storageState, (get) => resolvePath(route, { role, get }));
      visited += 1;
      if (result) ran.push(`${routeLabel(route, role)}: ${result}`);
    }
  }
  console.log(
    `stored XSS: ${visited} screens opened with payloads in every free-text field; scripts that ran: ${ran.length}`,
  );
  expect(visited).toBeGreaterThan(10);
  expect(ran).toEqual([]);
});

/** Opens one screen in a fresh context of the session, waits for it to settle, and says whether a payload ran. */
async function visitOnce(
  browser: Browser,
  app: AppKey,
  storageState: StorageState,
  path: (get: <T>(apiPath: string) => Promise<T>) => Promise<string>,
): Promise<string | null> {
  const context = await browser.newContext({ baseURL: appOf(app).url, storageState });
  try {
    const page = await context.newPage();
    let dialog: string | null = null;
    page.on('dialog', (opened) => {
      dialog = `a dialog opened: ${opened.message()}`;
      void opened.dismiss();
    });
    const urlPath = await path(async (apiPath) => {
      const response = await context.request.get(`${API_URL}${apiPath}`);
      expect(response.ok(), `GET ${apiPath}`).toBe(true);
      return (await response.json()).data;
    });
    await page.goto(urlPath);
    await page.waitForLoadState('networkidle');
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    // A failing image (src=x) fires onerror after its request: give it a moment after the last one.
    await page.waitForTimeout(300);
    const flag = await page.evaluate((name) => (window as unknown as Record<string, unknown>)[name] ?? null, FLAG);
    return flag ? `payload "${String(flag)}" ran` : dialog;
  } finally {
    await context.close();
  }
}
