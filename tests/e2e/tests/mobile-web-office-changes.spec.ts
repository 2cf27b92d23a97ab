import { API_URL } from './account-helpers';
import { expect, signIn, test } from './fixtures';
import {
  bearer,
  checkIn,
  standAtHome,
  supervisorToken,
  upcomingVisits,
  type Visit,
  WORKER,
  whenLive,
} from './mobile-web-helpers';

// What the office changes under the worker: a visit cancelled shows at once on Today (live), with a
// notification that opens the visit; a check-in made offline for a visit cancelled meanwhile comes
// back as a conflict the worker resolves, nothing dropped silently.

test.use({ viewport: { width: 390, height: 844 } });

async function cancel(request: Parameters<typeof supervisorToken>[0], visit: Visit) {
  const token = await supervisorToken(request);
  const answer = await request.post(`${API_URL}/visits/${visit.id}/cancel`, {
    headers: { authorization: `Bearer ${token}` },
    data: { reason: 'Client in hospital for tests' },
  });
  expect(answer.status(), await answer.text()).toBe(200);
}

test('a visit cancelled by the office: a live notice on Today and a notification that opens it', async ({
  page,
  request,
}) => {
  const visit = (await upcomingVisits(request, await bearer(request, WORKER.email))).at(-2)!;
  const live = whenLive(page);
  await signIn(page, WORKER);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Jordan');
  await page.getByRole('button', { name: 'This week' }).click();
  const card = page.locator(`a[href="/visits/${visit.id}"]`);
  await expect(card).toBeVisible();
  await live;

  await cancel(request, visit);
  await expect(page.getByText('Your schedule changed')).toBeVisible({ timeout: 15_000 });
  await expect(card).toContainText('Cancelled');

  await page.getByRole('link', { name: /new notification/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notifications');
  await page
    .getByRole('link', { name: /Visit cancelled/ })
    .first()
    .click();
  await expect(page.getByText('This visit was cancelled')).toBeVisible();
});

test('offline check-in of a visit the office cancelled meanwhile: a conflict shown, kept until the worker decides', async ({
  page,
  context,
  request,
}) => {
  const visit = (await upcomingVisits(request, await bearer(request, WORKER.email))).at(-3)!;
  await standAtHome(context, visit);
  await signIn(page, WORKER);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Jordan');
  await page.goto(`/visits/${visit.id}`);
  await expect(page.getByRole('heading', { name: 'Client briefing' })).toBeVisible();

  await context.setOffline(true);
  await checkIn(page);
  await expect(page.getByText('1 change waiting to be sent')).toBeVisible();
  await cancel(request, visit);
  await context.setOffline(false);

  const conflict = page.getByRole('alert').filter({ hasText: 'Not accepted: Check-in' });
  await expect(conflict).toBeVisible({ timeout: 20_000 });
  await expect(conflict).toContainText('Nothing you wrote is lost');
  await conflict.getByRole('button', { name: 'Remove this change' }).click();
  await expect(conflict).toBeHidden();
  await expect(page.getByText('This visit was cancelled')).toBeVisible();
});
