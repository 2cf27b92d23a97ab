import { accountRole, createAccountUser, latestMailTo, signInAs } from './account-helpers';
import { expect, test } from './fixtures';

test('confirm email: the emailed link opens this app’s page, one tap confirms, the account stops asking', async ({
  page,
  request,
  app,
}) => {
  // A new account is sent a confirmation link; until it is used, the account page says so.
  const user = await createAccountUser(request, accountRole(app));
  await signInAs(page, user);
  await page.goto('/account');
  const notice = page.getByRole('main').getByRole('status').filter({ hasText: 'not confirmed yet' });
  await expect(notice).toContainText(user.email);
  await notice.getByRole('button', { name: 'Send me a new link' }).click();
  await expect(notice).toContainText(`A new link is on its way to ${user.email}`);

  // The newest of the two links (the account's first and the one just asked for).
  const mail = await latestMailTo(user.email, `${app.url}/verify-email?token=`, 2);
  const link = new RegExp(`${app.url}/verify-email\\?token=[A-Za-z0-9_%-]+`).exec(mail)?.[0];
  expect(link, 'a link to this app’s confirmation page').toBeTruthy();
  await page.goto(link!);
  await expect(page.getByRole('heading', { level: 1, name: 'Confirm your email address' })).toBeVisible();
  await page.getByRole('button', { name: 'Confirm my email address' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText('Your email address is confirmed');

  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('not confirmed yet')).toHaveCount(0);

  // The link was single-use: opened again, it says so in plain words.
  await page.goto(link!);
  await page.getByRole('button', { name: 'Confirm my email address' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('This link no longer works');
});

test('a confirmation page opened without its token says what to do', async ({ page }) => {
  await page.goto('/verify-email');
  await expect(page.getByRole('heading', { level: 1, name: 'Confirm your email address' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('This link is incomplete');
});
