import { ADMIN, SUPERVISOR } from './admin-helpers';
import { expect, signIn, test } from './fixtures';

// On a phone the dashboard's twelve entries do not fit one bar: it holds the first three and
// "More", the browser's own popover with the rest (packages/ui/src/shell/more-bar.tsx).

test.use({ viewport: { width: 390, height: 844 } });

// An entry's text holds its unread count ("Notifications, 2 unread") when it has one.
const FIRST_THREE = ['Overview', 'Emergencies', /^\d*Messages/];
/** What More holds for an admin; a supervisor's is the same without System. */
const IN_MORE = [
  /^\d*Notifications/,
  'Visits',
  'Schedule',
  'People',
  'Budgets',
  'Reports',
  'Audit log',
  'System',
  'Account',
];

test('the phone bar holds three entries and More; More opens the rest, by touch and by keyboard alone', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: 'Agency overview' })).toBeVisible();
  const bar = page.getByRole('navigation', { name: 'Main' });
  await expect(bar.getByRole('link')).toHaveText(FIRST_THREE);
  // Nothing to scroll sideways to: every entry is in reach.
  expect(
    await bar
      .locator('ul')
      .first()
      .evaluate((list) => list.scrollWidth <= list.clientWidth),
  ).toBe(true);
  const more = bar.getByRole('button', { name: 'More' });
  const panel = page.locator('#more-nav');
  await expect(panel).toBeHidden();

  await more.click();
  await expect(panel.getByRole('link')).toHaveText(IN_MORE);
  await page.screenshot({ path: test.info().outputPath('more-open-phone.png') });
  await panel.getByRole('link', { name: 'Audit log' }).click();
  await expect(page).toHaveURL(/\/audit$/);
  // The chosen page closes the panel, and More says the page is inside it.
  await expect(panel).toBeHidden();
  // (and, when notifications wait inside, how many: "More, you are on Audit log, 8 unread").
  await expect(more).toHaveAccessibleName(/^More ?, you are on Audit log( ?, \d+ unread)?$/);
  await expect(panel.getByRole('link', { name: 'Audit log', includeHidden: true })).toHaveAttribute(
    'aria-current',
    'page',
  );

  // Keyboard alone: Enter opens, Escape closes, Tab goes from More into the panel.
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(panel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(more).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('link', { name: /^Notifications/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('link', { name: 'Visits' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('link', { name: 'Schedule' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/schedule$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Schedule' })).toBeVisible();
  await expect(panel).toBeHidden();
});

test('a supervisor’s More holds no System entry; on a desktop the sidebar lists every entry', async ({ page }) => {
  await signIn(page, SUPERVISOR);
  await expect(page.getByRole('heading', { level: 1, name: 'Your team today' })).toBeVisible();
  const bar = page.getByRole('navigation', { name: 'Main' });
  await expect(bar.getByRole('link')).toHaveText(FIRST_THREE);
  await bar.getByRole('button', { name: 'More' }).click();
  await expect(page.locator('#more-nav').getByRole('link')).toHaveText(IN_MORE.filter((entry) => entry !== 'System'));

  await page.setViewportSize({ width: 1280, height: 800 });
  const sidebar = page.getByRole('navigation', { name: 'Main' });
  await expect(sidebar.getByRole('link')).toHaveCount(11);
  await expect(sidebar.getByRole('button', { name: 'More' })).toHaveCount(0);
});
