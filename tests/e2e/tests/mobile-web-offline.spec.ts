import { expect, signIn, test } from './fixtures';
import {
  apiGet,
  bearer,
  checkIn,
  standAtHome,
  supervisorToken,
  upcomingVisits,
  type Visit,
  WORKER,
} from './mobile-web-helpers';

// No signal in the client's home: the check-in waits in the outbox (IndexedDB), survives a reload,
// and reaches the API exactly once when the connection returns.

test.use({ viewport: { width: 390, height: 844 } });

test('offline check-in: queued, kept through a reload, sent once when back online', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(90_000);
  const token = await bearer(request, WORKER.email);
  const visit = (await upcomingVisits(request, token)).at(-1) as Visit;
  expect(visit, 'an upcoming visit').toBeDefined();
  await standAtHome(context, visit);

  await signIn(page, WORKER);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Jordan');
  // The service worker takes over, then the visit is opened once online (its page and data are kept on the device).
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.goto(`/visits/${visit.id}`);
  await expect(page.getByRole('heading', { name: 'Client briefing' })).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await page.waitForTimeout(1_500); // the read cache is written at most once a second

  await context.setOffline(true);
  await checkIn(page);
  const waiting = page.getByText('1 change waiting to be sent');
  await expect(waiting).toBeVisible();
  await expect(page.getByText('In progress · waiting to send').first()).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `${visit.client.firstName} ${visit.client.lastName}`,
  );
  await expect(waiting).toBeVisible();

  await context.setOffline(false);
  await expect(waiting).toBeHidden({ timeout: 20_000 });

  const supervisor = await supervisorToken(request);
  await expect
    .poll(async () => (await apiGet<Visit>(request, supervisor, `/visits/${visit.id}`)).status)
    .toBe('IN_PROGRESS');
  const rows = await apiGet<unknown[]>(request, supervisor, `/audit?entityId=${visit.id}&action=VISIT_CHECKED_IN`);
  expect(rows).toHaveLength(1);
});
