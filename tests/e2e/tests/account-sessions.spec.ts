import { accountRole, createAccountUser, signInAs } from './account-helpers';
import { expect, expectNoAxeViolations, test } from './fixtures';

const PHONE =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';

test('signed-in devices: the list in plain words, sign out all other devices, the other is sent to sign in', async ({
  page,
  request,
  browser,
  app,
}) => {
  const user = await createAccountUser(request, accountRole(app));
  // A second device: a phone, signed in first.
  const phoneContext = await browser.newContext({ baseURL: app.url, userAgent: PHONE });
  const phone = await phoneContext.newPage();
  await signInAs(phone, user);
  await signInAs(page, user);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
  await page.getByRole('link', { name: /^Signed-in devices/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Signed-in devices' })).toBeVisible();
  const card = (title: string) =>
    page.locator('section', { has: page.getByRole('heading', { level: 2, name: title }) });
  const thisDevice = card('This device');
  const others = card('Other devices');
  await expect(thisDevice.getByRole('listitem')).toHaveCount(1);
  await expect(thisDevice).toContainText(/Chrome on Linux/);
  await expect(thisDevice).toContainText('signed in just now · this device');
  await expect(others.getByRole('listitem')).toHaveCount(1);
  await expect(others.getByRole('listitem')).toContainText('Chrome on Android');
  await expect(others.getByRole('listitem')).toContainText('signed in just now');
  await expect(others.getByRole('button', { name: 'Sign out Chrome on Android' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: test.info().outputPath('devices-desktop.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath('devices-phone.png'), fullPage: true });

  await others.getByRole('button', { name: 'Sign out all other devices' }).click();
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('Signed out on 1 other device.');
  await expect(others).toContainText('You are not signed in anywhere else.');
  await expect(others.getByRole('button', { name: 'Sign out all other devices' })).toHaveCount(0);

  // The phone's next request is refused and it is sent to sign in; this device goes on.
  await phone.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
  await expect(phone).toHaveURL(/\/login/);
  await expect(phone.getByRole('heading', { level: 1 })).toContainText('Sign in');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Signed-in devices' })).toBeVisible();
  await expect(page).toHaveURL(/\/account\/devices$/);
  await phoneContext.close();
});
