import { accountRole, createAccountUser, latestMailTo, NEW_PASSWORD, signInAs } from './account-helpers';
import { expect, test } from './fixtures';

test('forgot password: the emailed link opens this app’s reset page, the new password signs in', async ({
  page,
  request,
  app,
}) => {
  const user = await createAccountUser(request, accountRole(app));
  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();

  // Checked as the user types: an address that is not one says so before anything is sent.
  const email = page.getByLabel('Email address');
  await email.fill('not-an-address');
  await email.blur();
  await expect(page.getByText('Enter an email address, such as name@example.com.')).toBeVisible();
  await email.fill(user.email);
  await page.getByRole('button', { name: 'Email me a reset link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Check your email' })).toContainText(user.email);

  const mail = await latestMailTo(user.email, `${app.url}/reset-password?token=`);
  const link = new RegExp(`${app.url}/reset-password\\?token=[A-Za-z0-9_%-]+`).exec(mail)?.[0];
  expect(link, 'a link to this app’s reset page').toBeTruthy();
  await page.goto(link!);
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('New password again').fill(`${NEW_PASSWORD}x`);
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByText('The two passwords are not the same.')).toBeVisible();
  await page.getByLabel('New password again').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Save new password' }).click();

  await expect(page).toHaveURL(/\/login\?reason=reset$/);
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Your password has been changed');
  await signInAs(page, { email: user.email, password: NEW_PASSWORD });

  // The link was single-use.
  await page.goto(link!);
  await page.getByLabel('New password', { exact: true }).fill('Another-Quiet-Harbour-11');
  await page.getByLabel('New password again').fill('Another-Quiet-Harbour-11');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('invalid or has expired');
});

test('a reset page opened without its token says so and offers a new link', async ({ page }) => {
  await page.goto('/reset-password');
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('This link is incomplete');
  await page.getByRole('link', { name: 'Ask for a new reset link' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
});
