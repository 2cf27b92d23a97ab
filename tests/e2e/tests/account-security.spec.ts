import { APPS_UNDER_TEST, homeHeading } from '../apps-under-test';
import { accountRole, createAccountUser, signInAs } from './account-helpers';
import { expect, signIn, test, totpCode } from './fixtures';

test('two-step verification: turned on with an authenticator code, recovery codes once, turned off again', async ({
  page,
  request,
  app,
}) => {
  const user = await createAccountUser(request, accountRole(app));
  await signInAs(page, user);
  await page.goto('/account/security');
  await expect(page.getByRole('heading', { level: 1, name: 'Two-step verification' })).toBeVisible();
  await expect(page.getByText('Off', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Set up two-step verification' }).click();

  const secret = (await page.getByTestId('mfa-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  const code = page.getByLabel('6-digit code');
  await code.fill('12');
  await code.blur();
  await expect(page.getByText('Enter the 6-digit code from your authenticator app.')).toBeVisible();
  await code.fill(await totpCode(secret));
  await page.getByRole('button', { name: 'Turn on two-step verification' }).click();

  const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  await page.getByRole('button', { name: 'I have saved these codes' }).click();
  await expect(page.getByText('On', { exact: true })).toBeVisible();

  // Off again with the password and the authenticator's next code (each code works once).
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByLabel('Verification code').fill(await totpCode(secret));
  await page.getByRole('button', { name: 'Turn off two-step verification' }).click();
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('Two-step verification is off');
  await expect(page.getByText('Off', { exact: true })).toBeVisible();
});

test('an administrator keeps two-step verification: the screen says so and offers no way to turn it off', async ({
  page,
  app,
}) => {
  test.skip(app.key !== 'admin', 'administrators use the admin dashboard');
  await signIn(page, APPS_UNDER_TEST.find((candidate) => candidate.key === 'admin')!.user);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    homeHeading('admin', { role: 'ADMIN', firstName: 'Alex' }),
  );
  await page.goto('/account/security');
  await expect(page.getByText('Administrators must keep it on')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Turn off two-step verification' })).toHaveCount(0);
});
