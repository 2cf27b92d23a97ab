import { randomBytes } from 'node:crypto';
import { apiAs, SUPERVISOR } from './admin-helpers';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { whenLive } from './mobile-web-helpers';
import { CLIENT, signInAsClient } from './web-portal-helpers';

// Notifications in the client portal (the shared screen), against the real API: the supervisor
// writes to Pat, the notification arrives live in plain words with the nav's badge, and opens the
// conversation; marking all read clears the badge.

test('a message from the office arrives live as a notification that opens the conversation', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const tag = randomBytes(3).toString('hex');
  const supervisor = await apiAs(request, SUPERVISOR);
  const client = await apiAs(request, CLIENT);
  const me = await client.get<{ id: string }>('/auth/me');
  const live = whenLive(page, 'notifications');
  await signInAsClient(page);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: /^Notifications/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  await live;

  const started = await supervisor.send('POST', '/conversations', {
    clientId: me.id,
    subject: `Your new schedule ${tag}`,
    message: `From Monday your visits start at 9 (${tag}).`,
  });
  expect(started.status, JSON.stringify(started.body)).toBeLessThan(300);
  const id = started.body!.data!.id!;

  // This conversation's notice (another journey may write to Pat's care team at the same time).
  const notice = page.getByRole('link', { name: /^New message/ }).and(page.locator(`[href*="${id}"]`));
  await expect(notice).toBeVisible({ timeout: 15_000 });
  await expect(notice).toContainText('Sam Rivera sent you a message.');
  const unread = async () => (await client.get<{ unread: number }>('/notifications/unread-count')).unread;
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect
    .poll(async () => {
      const count = await unread();
      return nav.getByRole('link', { name: new RegExp(`^Notifications\\s*, ${count} unread$`) }).count();
    })
    .toBe(1);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: test.info().outputPath('portal-notifications.png'), fullPage: true });

  await notice.click();
  await expect(page).toHaveURL(new RegExp(`/messages\\?c=${id}`));
  await expect(page.getByText(`From Monday your visits start at 9 (${tag}).`)).toBeVisible();

  await page.goto('/notifications');
  const markAll = page.getByRole('button', { name: 'Mark all as read' });
  if ((await unread()) > 0) await markAll.click();
  await expect(page.getByText('All read')).toBeVisible();
  // The badge follows (polled against the API: another journey may notify Pat meanwhile).
  await expect
    .poll(async () => {
      const count = await unread();
      const name = count > 0 ? new RegExp(`^Notifications\\s*, ${count} unread$`) : /^Notifications$/;
      return nav.getByRole('link', { name }).count();
    })
    .toBe(1);
});
