import type { APIRequestContext, BrowserContext, Page } from '@playwright/test';
import { APPS_UNDER_TEST, DEMO_PASSWORD, SUPERVISOR } from '../apps-under-test';
import { API_URL } from './account-helpers';
import { expect } from './fixtures';

// Helpers of the care worker app's journeys: the demo worker's own visits, read through the real API.

export const WORKER = APPS_UNDER_TEST.find((app) => app.key === 'mobile-web')!.user;
const AGENCY_ZONE = 'America/Los_Angeles';
/** The client portal's demo client (and the family member's): their next visit is the portal journeys'. */
const PORTAL_CLIENT = APPS_UNDER_TEST.find((app) => app.key === 'web')!.user.name;

export interface Visit {
  id: string;
  status: string;
  workerId: string | null;
  clientId: string;
  seriesId: string | null;
  scheduledStart: string;
  scheduledEnd: string;
  locationLat: number | null;
  locationLng: number | null;
  client: { firstName: string; lastName: string };
  plannedActivities: string[];
  performedActivities: Array<{ code: string; status: string }>;
}

export async function bearer(request: APIRequestContext, email: string): Promise<string> {
  const login = await request.post(`${API_URL}/auth/login`, {
    data: { email, password: DEMO_PASSWORD, tokenDelivery: 'body' },
  });
  expect(login.status(), `sign-in of ${email}`).toBe(200);
  return (await login.json()).data.accessToken;
}

export async function apiGet<T>(request: APIRequestContext, token: string, path: string): Promise<T> {
  const answer = await request.get(`${API_URL}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(answer.status(), `GET ${path}: ${await answer.text()}`).toBe(200);
  return (await answer.json()).data as T;
}

/**
 * The worker's visits not yet started in the next six days, earliest first: all of them on the
 * app's "This week" (today and the six days after it, in the worker's zone), whatever the hour.
 * Seven days from now would reach past the week's last local midnight. Only the demo's regular
 * visits (each client's weekly series): a visit a journey books for itself is never handed to
 * another journey running at the same time.
 */
export async function upcomingVisits(request: APIRequestContext, token: string): Promise<Visit[]> {
  const from = new Date().toISOString();
  const to = new Date(Date.now() + 6 * 86_400_000).toISOString();
  const visits = await apiGet<Visit[]>(request, token, `/visits?dateFrom=${from}&dateTo=${to}&limit=100`);
  return visits
    .filter(
      (v) =>
        v.seriesId !== null &&
        (v.status === 'SCHEDULED' || v.status === 'CONFIRMED') &&
        Date.parse(v.scheduledStart) > Date.now(),
    )
    .sort((a, b) => a.scheduledStart.localeCompare(b.scheduledStart));
}

/**
 * Resolves once the page's live channel has said `ready` (the socket is subscribed): a change made
 * after that reaches the page. Call before the page opens its socket (before signing in).
 */
export function whenLive(page: Page, channel: 'visits' | 'notifications' = 'visits'): Promise<void> {
  return new Promise((resolve) => {
    page.on('websocket', (socket) => {
      if (!socket.url().includes(`/ws/${channel}`)) return;
      socket.on('framereceived', ({ payload }) => {
        if (String(payload).includes('"type":"ready"')) resolve();
      });
    });
  });
}

export const supervisorToken = (request: APIRequestContext) => bearer(request, SUPERVISOR.email);

/** The device stands at the client's door. */
export async function standAtHome(context: BrowserContext, visit: Visit) {
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({
    latitude: visit.locationLat ?? 45.52,
    longitude: visit.locationLng ?? -122.68,
    accuracy: 12,
  });
}

/** Opens the visit from Today (the week view shows it whatever day it falls on). */
export async function openVisitFromToday(page: Page, visit: Visit) {
  await page.getByRole('button', { name: 'This week' }).click();
  await page.locator(`a[href="/visits/${visit.id}"]`).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `${visit.client.firstName} ${visit.client.lastName}`,
  );
}

/** Presses Check in and, when the visit is outside its time window, confirms the warning. */
export async function checkIn(page: Page) {
  await page.getByRole('button', { name: 'Check in', exact: true }).click();
  const warning = page.getByRole('alertdialog');
  const done = page.getByText('Tasks', { exact: true }).or(page.getByText(/change waiting to be sent/));
  await expect(warning.or(done).first()).toBeVisible();
  if (await warning.isVisible()) {
    const reason = warning.getByLabel('Reason (for your supervisor)');
    if (await reason.isVisible()) await reason.fill('Journey test: booked for another time');
    await warning.getByRole('button', { name: /Check in anyway|Yes, check in now/ }).click();
  }
}

/** Every Cache Storage cache of the page's origin, with the URLs it holds. */
export function cachedUrls(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const all: Record<string, string[]> = {};
    for (const name of await caches.keys()) {
      all[name] = (await (await caches.open(name)).keys()).map((request) => request.url);
    }
    return all;
  });
}

/** The URLs in the service worker's expiry records (Serwist's IndexedDB), without creating the database. */
export function expiryRecordedUrls(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const opening = indexedDB.open('serwist-expiration');
        opening.onupgradeneeded = () => opening.transaction?.abort();
        opening.onerror = () => resolve([]);
        opening.onsuccess = () => {
          const db = opening.result;
          if (!db.objectStoreNames.contains('cache-entries')) {
            db.close();
            resolve([]);
            return;
          }
          const reading = db.transaction('cache-entries').objectStore('cache-entries').getAll();
          reading.onsuccess = () => {
            db.close();
            resolve((reading.result as { url: string }[]).map((entry) => entry.url));
          };
          reading.onerror = () => {
            db.close();
            resolve([]);
          };
        };
      }),
  );
}

/** Waits until the service worker is installed (its precache filled) and controls the page. */
export async function untilServiceWorkerControls(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
}

/** The audit log holds exactly one row of this action about this record (an outbox replay adds none). */
export async function expectAuditedOnce(request: APIRequestContext, token: string, entityId: string, action: string) {
  const rows = await apiGet<unknown[]>(request, token, `/audit?entityId=${entityId}&action=${action}`);
  expect(rows, `${action} of ${entityId}`).toHaveLength(1);
}

/**
 * A completed visit's cost (its billed minutes × rate, as the supervisor reads it) is booked once,
 * audited once, against the budget covering its day; a visit of no billed minute costs nothing
 * and books nothing. (The demo's budgets are monthly: a visit past the month's end is listed as
 * uncovered, booked nowhere.)
 */
export async function expectCostBookedOnce(request: APIRequestContext, token: string, visitId: string) {
  const visit = await apiGet<Visit & { costCents: number | null }>(request, token, `/visits/${visitId}`);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(
    new Date(visit.scheduledStart),
  );
  const covering = await apiGet<Array<{ id: string }>>(
    request,
    token,
    `/budgets?clientId=${visit.clientId}&status=ACTIVE&periodStart=${day}&periodEnd=${day}`,
  );
  const cost = visit.costCents ?? 0;
  if (covering.length === 0) {
    const uncovered = await apiGet<unknown>(
      request,
      token,
      `/budgets/uncovered?clientId=${visit.clientId}&from=${day}&to=${day}`,
    );
    expect(JSON.stringify(uncovered)).toContain(visit.id);
    return cost;
  }
  const budget = await apiGet<{ expenses: Array<{ id: string; visitId: string | null; amountCents: number }> }>(
    request,
    token,
    `/budgets/${covering[0]!.id}`,
  );
  const booked = budget.expenses.filter((expense) => expense.visitId === visit.id);
  expect(
    booked.map((expense) => expense.amountCents),
    "the visit's cost",
  ).toEqual(cost > 0 ? [cost] : []);
  if (cost > 0) await expectAuditedOnce(request, token, booked[0]!.id, 'EXPENSE_CREATED');
  return cost;
}

/**
 * A visit of a journey's own for the worker (the week's demo visits are shared by the other
 * journeys): one of their clients other than the portal's (the portal's journeys follow Pat's next
 * visit), `daysAhead` days from now at 10:`minute` UTC (night in the agency's zone, when nobody
 * works), 30 minutes; tasks and rate as booked by default.
 */
export async function bookOwnVisit(
  request: APIRequestContext,
  token: string,
  daysAhead: number,
  minute: number,
): Promise<Visit> {
  const start = new Date(Date.now() + daysAhead * 86_400_000);
  start.setUTCHours(10, minute, 0, 0);
  return bookVisitAt(request, token, start);
}

/** The instant of a wall-clock time in the agency's zone, `daysAhead` of its days after today. */
export function agencyTime(daysAhead: number, hour: number, minute = 0): Date {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: AGENCY_ZONE })
    .format(new Date())
    .split('-')
    .map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, day + daysAhead, hour, minute);
  // The zone's offset then: the same instant read back on the zone's clock.
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: AGENCY_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(new Date(wall));
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const shown = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  return new Date(wall - (shown - wall));
}

/**
 * The visits of a day (`daysAhead` of the agency's days after today) that a journey may take as the
 * demo worker's: the demo's regular ones (each client's weekly series; a visit another journey
 * booked for itself may be under way or cancelled by it). The demo worker works on weekdays, so on
 * a weekend day (and tomorrow, on a Friday) there are none: then one of the journey's own is booked
 * that day at 04:30 in the agency's zone (before anyone's working day, and after every visit
 * `bookOwnVisit` books at 10:xx UTC).
 */
export async function visitsOrOneBooked(request: APIRequestContext, token: string, daysAhead: number) {
  const from = agencyTime(daysAhead, 0).toISOString();
  const to = agencyTime(daysAhead + 1, 0).toISOString();
  const onTheDay = await apiGet<Visit[]>(request, token, `/visits?dateFrom=${from}&dateTo=${to}&limit=100`);
  const regular = onTheDay.filter((visit) => visit.seriesId !== null && visit.status !== 'CANCELLED');
  if (regular.length > 0) return regular.map((visit) => visit.id);
  const start = agencyTime(daysAhead, 4, 30);
  const booked = await postVisit(request, token, start);
  const answer = await booked.json();
  // The same journey running beside this one (--repeat-each) may have booked the slot first.
  if (booked.status() === 409 && answer.details?.scheduledStart === start.toISOString())
    return [answer.details.clashingVisitId as string];
  expect(booked.status(), JSON.stringify(answer)).toBe(201);
  return [answer.data.id as string];
}

/** Books `postVisit`'s visit and answers it as the worker reads it. */
async function bookVisitAt(request: APIRequestContext, token: string, start: Date): Promise<Visit> {
  const booked = await postVisit(request, token, start);
  expect(booked.status(), await booked.text()).toBe(201);
  return apiGet<Visit>(request, token, `/visits/${(await booked.json()).data.id}`);
}

/** Asks for a 30-minute visit of the worker's at `start`, with a client of theirs other than the portal's. */
async function postVisit(request: APIRequestContext, token: string, start: Date) {
  const sample = (await upcomingVisits(request, token)).find(
    (visit) => `${visit.client.firstName} ${visit.client.lastName}` !== PORTAL_CLIENT,
  );
  expect(sample, "a visit of the worker's week with a client other than the portal's").toBeDefined();
  return request.post(`${API_URL}/visits`, {
    headers: { authorization: `Bearer ${await supervisorToken(request)}` },
    data: {
      clientId: sample!.clientId,
      workerId: sample!.workerId,
      scheduledStart: start.toISOString(),
      scheduledEnd: new Date(start.getTime() + 30 * 60_000).toISOString(),
    },
  });
}
