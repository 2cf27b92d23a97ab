import type { Page } from '@playwright/test';
import { homeHeading } from '../apps-under-test';
import { expect, expectNoAxeViolations, signIn, test } from './fixtures';

// The apps' timers run on Playwright's fake clock (installed before the first page loads);
// the API keeps real time, so sessions stay valid on the server unless the app ends them.
const API_URL = process.env.E2E_API_URL ?? 'http://localhost:4000';
const MINUTE = 60_000;

const warningOf = (page: Page) => page.getByRole('alertdialog', { name: 'Are you still there?' });

async function sessionStatus(page: Page): Promise<number> {
  return (await page.request.get(`${API_URL}/auth/me`)).status();
}

test.describe('idle sign-out', () => {
  test('warns before signing out, "Stay signed in" keeps the session, full idleness ends it', async ({ page, app }) => {
    const minutes = app.idleMinutes;
    await page.clock.install();
    await signIn(page, app.user);
    await expect(page.getByTestId('signed-in-as')).toBeVisible();
    const warning = warningOf(page);

    await page.clock.fastForward((minutes - 1) * MINUTE - 5_000);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      homeHeading(app.key, { role: app.user.role, firstName: app.user.name.split(' ')[0]! }),
    );
    await expect(warning).toBeHidden();

    await page.clock.fastForward(6_000);
    await expect(warning).toBeVisible();
    await expect(warning).toContainText('You will be signed out in 60 seconds for your privacy.');
    await expect(warning.getByRole('button', { name: 'Stay signed in' })).toBeFocused();
    await expectNoAxeViolations(page);

    await warning.getByRole('button', { name: 'Stay signed in' }).click();
    await expect(warning).toBeHidden();
    // Well past the first deadline: still signed in, in the app and on the server.
    await page.clock.fastForward(2 * MINUTE);
    await expect(warning).toBeHidden();
    await expect(page).toHaveURL(`${app.url}/`);
    expect(await sessionStatus(page)).toBe(200);

    // Now nobody answers: the warning comes back and the minute runs out.
    await page.clock.fastForward((minutes - 3) * MINUTE + 1_000);
    await expect(warning).toBeVisible();
    await page.clock.runFor(MINUTE);
    await expect(page).toHaveURL(/\/login\?reason=idle$/);
    await expect(page.getByRole('main').getByRole('alert')).toContainText(
      `You were signed out after ${minutes} minutes without activity`,
    );
    expect(await sessionStatus(page)).toBe(401);
    await expectNoAxeViolations(page);
  });

  test('activity in another tab of the same app counts, and idleness signs out every tab', async ({
    context,
    page,
    app,
  }) => {
    const minutes = app.idleMinutes;
    await context.clock.install();
    await signIn(page, app.user);
    await expect(page.getByTestId('signed-in-as')).toBeVisible();
    const other = await context.newPage();
    await other.goto('/');
    await expect(other.getByTestId('signed-in-as')).toBeVisible();

    await context.clock.fastForward((minutes - 2) * MINUTE);
    const lastActivity = () => page.evaluate(() => Number(window.localStorage.getItem('caretracker.lastActivityAt')));
    const before = await lastActivity();
    await other.bringToFront();
    await other.mouse.move(20, 20);
    await other.mouse.move(200, 120);
    // The other tab's activity has reached the shared timestamp before time moves on (on a busy
    // machine the write can trail the mouse event).
    await expect.poll(lastActivity).toBeGreaterThan(before);
    // Past the first tab's own deadline: the other tab's activity kept it signed in.
    await context.clock.fastForward(3 * MINUTE);
    await expect(page).toHaveURL(`${app.url}/`);
    await expect(warningOf(page)).toBeHidden();
    expect(await sessionStatus(page)).toBe(200);

    await context.clock.fastForward(minutes * MINUTE);
    await expect(page).toHaveURL(/\/login\?reason=idle$/);
    await expect(other).toHaveURL(/\/login\?reason=idle$/);
    expect(await sessionStatus(page)).toBe(401);
  });
});
