// The JavaScript budget (scripts/js-budget.mts) reads Next's route-bundle-stats.json; this checks that
// record against what Chromium really downloads on a first visit to the app's sign-in page.
import type { Response } from '@playwright/test';
import { initialJs } from '../initial-js';
import { expect, test } from './fixtures';

test('the initial JavaScript of /login is the build record, chunk for chunk, and arrives gzipped', async ({
  browser,
  app,
}) => {
  const expected = initialJs(app.key).get('/login');
  expect(expected, `/login in apps/${app.key}/.next/diagnostics/route-bundle-stats.json`).toBeDefined();

  // A cold first visit: no service worker (the worker app's would fetch its own copies), no cache.
  const context = await browser.newContext({ baseURL: app.url, serviceWorkers: 'block' });
  const page = await context.newPage();
  const scripts: Response[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response);
  });
  await page.goto('/login', { waitUntil: 'load' });

  const downloaded = scripts.map((response) => new URL(response.url()).pathname);
  expect([...downloaded].sort()).toEqual(expected!.chunks.map((chunk) => chunk.url).sort());

  // What crossed the wire: the files gzipped by the server, about as big as the budget counts them.
  let wireBytes = 0;
  for (const response of scripts) {
    const { responseBodySize } = await response.request().sizes();
    // Next's compression leaves answers under 1 kB (its `compression` threshold) as they are.
    if (responseBodySize >= 1024) {
      expect((await response.allHeaders())['content-encoding'], response.url()).toBe('gzip');
    }
    wireBytes += responseBodySize;
  }
  expect(wireBytes / expected!.gzipBytes).toBeGreaterThan(0.95);
  expect(wireBytes / expected!.gzipBytes).toBeLessThan(1.05);
  await context.close();
});
