import type { Page } from '@playwright/test';
import { API_URL } from './account-helpers';
import { expect, signIn, signOut, test } from './fixtures';

// A screen loaded again shows its content after one round trip, not two: the shell draws with the
// user this tab remembers (packages/ui/src/data/remembered-me.ts) while GET /auth/me checks the
// session, so the screen's own reads start beside it. Here /auth/me is held until the account
// screen's read of the profile has answered: before the tab remembered the user, that read waited
// for /auth/me, and the profile came second.

// The worker app's service worker would pass the API reads by the page's routes.
test.use({ serviceWorkers: 'block' });

const ME = '/auth/me';
/** The account screen's read of the profile, GET /users/<the user's id>. */
const PROFILE = /^\/users\/[0-9a-f-]{36}$/;
const isMe = (url: URL) => url.origin === new URL(API_URL).origin && url.pathname === ME;

/** The API's answers to the page's reads, by path, in the order they arrive. */
function answersInOrder(page: Page): string[] {
  const order: string[] = [];
  page.on('response', (response) => {
    if (response.url().startsWith(API_URL) && response.request().method() === 'GET')
      order.push(new URL(response.url()).pathname);
  });
  return order;
}

test("a screen loaded again reads its data beside /auth/me, not after it; sign-out forgets the tab's user", async ({
  page,
  app,
}) => {
  await signIn(page, app.user);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto('/account');
  const phone = page.getByLabel('Phone number').first();
  await expect(phone).not.toHaveValue('');

  let profileAnswered!: () => void;
  const profile = new Promise<void>((resolve) => (profileAnswered = resolve));
  page.on('response', (response) => {
    if (PROFILE.test(new URL(response.url()).pathname)) profileAnswered();
  });
  // Held until the profile has answered, or 15 s (where the profile waits for it, it never would).
  await page.route(isMe, async (route) => {
    await Promise.race([profile, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    await route.continue();
  });
  const order = answersInOrder(page);
  await page.reload();
  await expect(phone).not.toHaveValue('');
  await expect.poll(() => order.includes(ME)).toBe(true);
  const firstProfile = order.findIndex((path) => PROFILE.test(path));
  expect(firstProfile, `answers in order: ${order.join(', ')}`).toBeGreaterThanOrEqual(0);
  expect(firstProfile, `answers in order: ${order.join(', ')}`).toBeLessThan(order.indexOf(ME));
  await page.unroute(isMe);

  await signOut(page);
  expect(await page.evaluate(() => window.sessionStorage.getItem('caretracker.me'))).toBeNull();
});
