import { API_URL, accountRole, createAccountUser, NEW_PASSWORD, signInAs } from './account-helpers';
import { expect, test } from './fixtures';

test('change password: rules as the user types, the API’s answer on its field, other devices signed out', async ({
  page,
  request,
  app,
}) => {
  const user = await createAccountUser(request, accountRole(app));
  // Another device, signed in before the change.
  const other = await request.post(`${API_URL}/auth/login`, {
    data: { email: user.email, password: user.password, tokenDelivery: 'body' },
  });
  const otherToken = (await other.json()).data.accessToken as string;

  await signInAs(page, user);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
  await page.getByRole('link', { name: /^Password/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Password' })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('link', { name: 'Your account' }),
  ).toBeVisible();

  const current = page.getByLabel('Current password');
  const next = page.getByLabel('New password', { exact: true });
  const again = page.getByLabel('New password again');
  await next.fill('short');
  await next.blur();
  await expect(next).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Use at least 12 characters.', { exact: true })).toBeVisible();
  await next.fill(`${user.firstName.toLowerCase()}-garden-path`);
  await expect(page.getByText('Do not use your name or email address in your password.')).toBeVisible();

  // The current password is only known to the API: its 400 lands next to that field.
  await current.fill('Not-My-Password-123');
  await next.fill(NEW_PASSWORD);
  await again.fill(NEW_PASSWORD);
  await expect(page.getByLabel('Sign out on my other devices')).toBeChecked();
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(current).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('This is not correct.')).toBeVisible();

  await current.fill(user.password);
  await page.getByRole('button', { name: 'Change password' }).click();
  const toast = page.getByRole('region', { name: 'Notifications' });
  await expect(toast).toContainText('Password changed');
  await expect(toast).toContainText('You were signed out on 1 other device.');
  await expect(current).toHaveValue('');

  // This session goes on; the other device's is over; the new password is the one that works.
  expect((await page.request.get(`${API_URL}/auth/me`)).status()).toBe(200);
  expect(
    (await request.get(`${API_URL}/auth/me`, { headers: { authorization: `Bearer ${otherToken}` } })).status(),
  ).toBe(401);
  const relogin = await request.post(`${API_URL}/auth/login`, {
    data: { email: user.email, password: NEW_PASSWORD, tokenDelivery: 'body' },
  });
  expect(relogin.status()).toBe(200);
});
