import { API_URL } from './account-helpers';
import { expect, signIn, test } from './fixtures';
import {
  apiGet,
  bearer,
  bookOwnVisit,
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
  await expect(conflict).toContainText("In the office's records this visit is now: Cancelled.");
  await expect(conflict).toContainText('Nothing you wrote is lost');
  await conflict.getByRole('button', { name: 'Remove this change' }).click();
  await expect(conflict).toBeHidden();
  await expect(page.getByText('This visit was cancelled')).toBeVisible();
});

test('offline check-in of a visit the office gave to another worker meanwhile: said in plain words, kept until the worker decides', async ({
  page,
  context,
  request,
}) => {
  const token = await bearer(request, WORKER.email);
  const visit = await bookOwnVisit(request, token, 2, 41);
  const supervisor = await supervisorToken(request);
  const colleagues = await apiGet<Array<{ id: string }>>(
    request,
    supervisor,
    '/users?role=WORKER&isActive=true&limit=20',
  );
  const colleague = colleagues.find((worker) => worker.id !== visit.workerId);
  expect(colleague, 'another care worker of the team').toBeDefined();
  await standAtHome(context, visit);
  await signIn(page, WORKER);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Jordan');
  await page.goto(`/visits/${visit.id}`);
  await expect(page.getByRole('heading', { name: 'Client briefing' })).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await page.waitForTimeout(1_500); // the read cache is written at most once a second

  await context.setOffline(true);
  await checkIn(page);
  await expect(page.getByText('1 change waiting to be sent')).toBeVisible();
  const moved = await request.put(`${API_URL}/visits/${visit.id}`, {
    headers: { authorization: `Bearer ${supervisor}` },
    data: { workerId: colleague!.id },
  });
  expect(moved.status(), await moved.text()).toBe(200);
  await context.setOffline(false);

  const conflict = page.getByRole('alert').filter({ hasText: 'Not accepted: Check-in' });
  await expect(conflict).toBeVisible({ timeout: 20_000 });
  await expect(conflict).toContainText(
    'This visit is no longer on your schedule: the office gave it to another care worker or removed it.',
  );
  await expect(conflict).not.toContainText('not found');
  await page.screenshot({ path: test.info().outputPath('conflict-reassigned-phone.png') });
  await conflict.getByRole('button', { name: 'Remove this change' }).click();
  await expect(conflict).toBeHidden();
  // Nothing reached the API: the visit is the other worker's, not started.
  const after = await apiGet<Visit>(request, supervisor, `/visits/${visit.id}`);
  expect(after).toMatchObject({ workerId: colleague!.id, status: 'SCHEDULED' });
});
