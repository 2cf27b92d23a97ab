import { expect, signIn, test } from './fixtures';

test('offline after sign-in: a banner with Retry over the data already on screen, not a dead end', async ({
  page,
  context,
  app,
}) => {
  // Every app's first screen after sign-in (the admin's after its verification-code step).
  await signIn(page, app.user);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(
    app.key === 'admin' ? 'Agency overview' : 'Welcome',
  );
  await page.goto('/account');
  await expect(page.getByLabel('Phone number').first()).not.toHaveValue('');

  await context.setOffline(true);
  const banner = page.getByRole('status').filter({ hasText: 'You are offline.' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('You are seeing what this device saved at');
  // Retry asks again (and, still offline, keeps the banner and the data).
  await banner.getByRole('button', { name: 'Try again' }).click();
  await expect(banner).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await expect(page.getByLabel('Phone number').first()).not.toHaveValue('');

  await context.setOffline(false);
  await expect(banner).toBeHidden();
});
