import { expect, signIn, test } from './fixtures';
import { WORKER } from './mobile-web-helpers';

// Today on a touch phone: pulling the page down from its top and letting go reloads the day from
// the API (the Refresh button does the same for keyboards and screen readers).

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

test('pull to refresh on Today asks the API for the day again', async ({ page }) => {
  await signIn(page, WORKER);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Jordan');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);

  const touch = (type: string, y: number) =>
    page.evaluate(
      ({ type, y }) => {
        const point = new Touch({ identifier: 1, target: document.body, clientX: 150, clientY: y });
        const touches = type === 'touchend' ? [] : [point];
        window.dispatchEvent(new TouchEvent(type, { touches, changedTouches: [point], bubbles: true }));
      },
      { type, y },
    );
  await touch('touchstart', 120);
  await touch('touchmove', 160);
  await expect(page.getByText('Pull down to refresh')).toBeVisible();
  await touch('touchmove', 240);
  await expect(page.getByText('Let go to refresh')).toBeVisible();
  const reload = page.waitForRequest((r) => r.method() === 'GET' && /\/visits\?/.test(r.url()));
  await touch('touchend', 240);
  await reload;
  await expect(page.getByText('Let go to refresh')).toBeHidden();
});
