import type { Page } from '@playwright/test';
import { API_URL } from './account-helpers';
import { expect, signIn, signOut, test } from './fixtures';
import { cachedUrls, untilServiceWorkerControls, WORKER } from './mobile-web-helpers';

// The app opens with no connection once it has been used online: the service worker (Serwist,
// apps/mobile-web/sw/sw.ts) answers the pages from its precache, the screens show the day, the
// next day and a briefing from the device's read cache (IndexedDB; the service worker keeps the
// same API reads too). Sign-out leaves neither pages as last loaded nor any API answer in Cache Storage.

test.use({ viewport: { width: 390, height: 844 } });

/** The read cache as the persister wrote it (one JSON string), or '' before its first write. */
function readCache(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('caretracker-cache-worker');
        open.onerror = () => resolve('');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('kv')) return resolve('');
          const get = db.transaction('kv').objectStore('kv').get('query-cache');
          get.onsuccess = () => resolve(typeof get.result === 'string' ? get.result : '');
          get.onerror = () => resolve('');
        };
      }),
  );
}

/** The visit links of the Today screen's current view (Today / Tomorrow). */
async function visitLinks(page: Page): Promise<string[]> {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  return page.locator('main a[href^="/visits/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
}

test('offline after the first visit: the app opens with today, tomorrow and a briefing; sign-out empties the caches', async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  await signIn(page, WORKER);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Jordan');
  // The service worker is installed (its precache filled) and controls the page.
  await untilServiceWorkerControls(page);
  const precache = Object.entries(await cachedUrls(page)).find(([name]) => name.includes('-precache-'));
  expect(precache, 'the Serwist precache').toBeDefined();
  for (const path of [
    '/',
    '/login',
    '/hours',
    '/messages',
    '/notifications',
    '/visits/offline',
    '/manifest.webmanifest',
  ]) {
    expect(precache![1].map((url) => new URL(url).pathname)).toContain(path);
  }

  const today = await visitLinks(page);
  await page.getByRole('button', { name: 'Tomorrow', exact: true }).click();
  const tomorrow = await visitLinks(page);
  expect(today.length + tomorrow.length, 'visits today or tomorrow in the demo data').toBeGreaterThan(0);
  // One briefing read online, opened from the list (the day's lists stay in memory, so the read
  // cache's next write holds them with the briefing).
  const visitPath = (tomorrow[0] ?? today[0])!;
  if (!tomorrow[0]) await page.getByRole('button', { name: 'Today', exact: true }).click();
  await page.locator(`main a[href="${visitPath}"]`).click();
  await expect(page.getByRole('heading', { name: 'Client briefing' })).toBeVisible();
  const client = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  const visitId = visitPath.split('/')[2]!;
  await expect
    .poll(async () => {
      const saved = await readCache(page);
      return saved.includes(`"${visitId}","briefing"`) && saved.split('"visits","list"').length - 1 >= 2;
    })
    .toBe(true);
  // The service worker keeps only the day's API reads (in caretracker-api), none elsewhere.
  const apiOrigin = new URL(API_URL).origin;
  for (const [name, urls] of Object.entries(await cachedUrls(page))) {
    for (const url of urls.filter((u) => u.startsWith(apiOrigin))) {
      expect(name, url).toBe('caretracker-api');
      expect(new URL(url).pathname).toMatch(/^\/visits(\/[0-9a-f-]{36}(\/(briefing|medications))?)?$/);
    }
  }

  // As if the phone had dropped the pages it last loaded: everything below comes from the precache.
  await page.evaluate(() => caches.delete('caretracker-pages'));
  await context.setOffline(true);

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Jordan');
  await expect(page.getByRole('status').filter({ hasText: 'You are seeing what this device saved at' })).toBeVisible();
  expect(await visitLinks(page)).toEqual(today);
  await page.getByRole('button', { name: 'Tomorrow', exact: true }).click();
  expect(await visitLinks(page)).toEqual(tomorrow);

  // The visit's page was never kept: the precached visit frame opens it, with its briefing.
  await page.goto(visitPath);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(client);
  await expect(page.getByRole('heading', { name: 'Client briefing' })).toBeVisible();

  // A page not opened online at all.
  await page.goto('/hours');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My hours');

  await context.setOffline(false);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Jordan');
  await signOut(page);

  // Nothing of the session in Cache Storage: no API answer, no page of a visit; the read cache is gone too.
  const after = await cachedUrls(page);
  const runtime = Object.entries(after).filter(([name]) => !name.includes('-precache-'));
  expect(
    runtime.flatMap(([, urls]) => urls).filter((url) => new URL(url).pathname !== '/login'),
    'runtime caches after sign-out',
  ).toEqual([]);
  expect(
    Object.values(after)
      .flat()
      .filter((url) => url.startsWith(apiOrigin)),
  ).toEqual([]);
  await expect.poll(() => readCache(page)).toBe('');
});
