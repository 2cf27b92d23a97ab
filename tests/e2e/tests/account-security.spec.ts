import { accountRole, createAccountUser, signInAs } from './account-helpers';
import { expect, test, totpCode } from './fixtures';

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
