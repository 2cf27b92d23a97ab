import type { Page } from '@playwright/test';
import { API_URL } from './account-helpers';
import { expect, signIn, signOut, test } from './fixtures';
import {
  bearer,
  cachedUrls,
  expiryRecordedUrls,
  untilServiceWorkerControls,
  visitsOrOneBooked,
  WORKER,
} from './mobile-web-helpers';

// Every visit of today and tomorrow opens offline, not only those opened with signal: once Today
// has drawn its list, the app fetches tomorrow's list and each visit's briefing and doses due in
// the background (apps/mobile-web/lib/prefetch-day.ts) into its read cache (IndexedDB), and the
// service worker keeps the same API reads network first (caretracker-api). Sign-out empties both.

test.use({ viewport: { width: 390, height: 844 } });

const API_CACHE = 'caretracker-api';

interface SavedQuery {
  queryKey: unknown[];
  state: { data?: unknown };
}

/** The read cache's queries as the persister wrote them ([] before its first write). */
function savedQueries(page: Page): Promise<SavedQuery[]> {
  return page.evaluate(
    () =>
      new Promise<SavedQuery[]>((resolve) => {
        const open = indexedDB.open('caretracker-cache-worker');
        open.onerror = () => resolve([]);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('kv')) return resolve([]);
          const get = db.transaction('kv').objectStore('kv').get('query-cache');
          get.onsuccess = () =>
            resolve(typeof get.result === 'string' ? JSON.parse(get.result).clientState.queries : []);
          get.onerror = () => resolve([]);
        };
      }),
  );
}

/** The saved day lists (the single-day ones, earliest first) and the visits whose briefing is saved. */
async function savedDays(page: Page) {
  const queries = await savedQueries(page);
  const lists = queries
    .filter((q) => q.queryKey[0] === 'visits' && q.queryKey[1] === 'list')
    .map((q) => {
      const filters = q.queryKey[2] as { dateFrom: string; dateTo: string };
      return { filters, visits: (q.state.data ?? []) as Array<{ id: string; status: string }> };
    })
    .filter(({ filters }) => Date.parse(filters.dateTo) - Date.parse(filters.dateFrom) <= 25 * 3600_000)
    .sort((a, b) => a.filters.dateFrom.localeCompare(b.filters.dateFrom));
  const briefed = new Set(
    queries.filter((q) => q.queryKey[0] === 'visits' && q.queryKey[3] === 'briefing').map((q) => String(q.queryKey[2])),
  );
  return { lists, briefed };
}

test('an unopened briefing of today and of tomorrow opens offline; sign-out leaves no API answer', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(120_000);
  const token = await bearer(request, WORKER.email);
  const todays = new Set(await visitsOrOneBooked(request, token, 0));
  const tomorrows = new Set(await visitsOrOneBooked(request, token, 1));
  await signIn(page, WORKER);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Jordan');
  await untilServiceWorkerControls(page);
  // The first screen's list came before the service worker controlled the page: once it does, a
  // reload (as a worker opening the app again) goes through it.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Jordan');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const today = await page
    .locator('main a[href^="/visits/"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));

  // Nothing opened, Tomorrow not tapped: the background fetch saves both days with every briefing.
  let days = await savedDays(page);
  await expect
    .poll(
      async () => {
        days = await savedDays(page);
        const all = days.lists.flatMap((list) => list.visits.filter((v) => v.status !== 'CANCELLED'));
        return days.lists.length >= 2 && all.length > 0 && all.every((v) => days.briefed.has(v.id));
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  const [todayList, tomorrowList] = days.lists.slice(-2);
  // The briefing shows on a visit not under way (during one, the checklist takes its place).
  const briefingShown = (v: { status: string }) => v.status !== 'CANCELLED' && v.status !== 'IN_PROGRESS';
  const todayVisit = todayList!.visits.find((v) => todays.has(v.id) && briefingShown(v));
  const tomorrowVisit = tomorrowList!.visits.find((v) => tomorrows.has(v.id) && briefingShown(v));
  expect(todayVisit, 'a visit today in the demo data').toBeDefined();
  expect(tomorrowVisit, 'a visit tomorrow in the demo data').toBeDefined();
  expect(today).toContain(`/visits/${todayVisit!.id}`);

  // The service worker kept the same reads, and only GET answers of the day's API.
  const apiOrigin = new URL(API_URL).origin;
  await expect
    .poll(async () => ((await cachedUrls(page))[API_CACHE] ?? []).map((url) => new URL(url).pathname))
    .toEqual(expect.arrayContaining([`/visits/${todayVisit!.id}/briefing`, `/visits/${tomorrowVisit!.id}/briefing`]));
  for (const url of (await cachedUrls(page))[API_CACHE] ?? []) {
    expect(url.startsWith(apiOrigin), url).toBe(true);
    expect(new URL(url).pathname).toMatch(/^\/visits(\/[0-9a-f-]{36}(\/(briefing|medications))?)?$/);
  }

  await page.evaluate(() => caches.delete('caretracker-pages'));
  const wentOffline = Date.now();
  await context.setOffline(true);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Jordan');
  await expect(page.getByRole('status').filter({ hasText: 'You are seeing what this device saved at' })).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  expect(
    await page.locator('main a[href^="/visits/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!)),
  ).toEqual(today);

  // Never opened on this device: both briefings come from the device.
  for (const visit of [todayVisit!, tomorrowVisit!]) {
    await page.goto(`/visits/${visit.id}`);
    await expect(page.getByRole('heading', { name: 'Client briefing' })).toBeVisible();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  }
  // An answer from the copy says when the copy was saved (before the signal went), so the app
  // dates it by that and not by the moment it was read back.
  const savedAt = await page.evaluate(async (url) => {
    const response = await fetch(url, { credentials: 'include', headers: { accept: 'application/json' } });
    return Number(response.headers.get('x-caretracker-saved-at'));
  }, `${API_URL}/visits/${todayVisit!.id}/briefing`);
  expect(savedAt).toBeGreaterThan(0);
  expect(savedAt).toBeLessThanOrEqual(wentOffline);

  await context.setOffline(false);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Jordan');
  const visitedUrls = (urls: string[]) =>
    urls.filter((url) => url.startsWith(apiOrigin) || new URL(url).pathname.startsWith('/visits'));
  await expect.poll(async () => visitedUrls(await expiryRecordedUrls(page)).length).toBeGreaterThan(0);
  await signOut(page);

  // Signed out: no API answer in Cache Storage, no runtime cache holding anything but the login page.
  await expect
    .poll(async () =>
      Object.entries(await cachedUrls(page))
        .filter(([name]) => !name.includes('-precache-'))
        .flatMap(([, urls]) => urls)
        .filter((url) => new URL(url).pathname !== '/login'),
    )
    .toEqual([]);
  expect(
    Object.values(await cachedUrls(page))
      .flat()
      .filter((url) => url.startsWith(apiOrigin)),
  ).toEqual([]);
  await expect.poll(() => savedQueries(page)).toEqual([]);
  // Nor the service worker's records of which visits were cached, and when.
  await expect.poll(async () => visitedUrls(await expiryRecordedUrls(page))).toEqual([]);
});
