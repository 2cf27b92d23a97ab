import { API_URL, accountRole, createAccountUser, signInAs } from './account-helpers';
import { expect, test } from './fixtures';

test('language: Spanish is saved to the profile and follows the user to a new device', async ({
  page,
  browser,
  request,
  app,
}) => {
  const user = await createAccountUser(request, accountRole(app));
  await signInAs(page, user);
  await page.goto('/account/preferences');
  await expect(page.getByRole('heading', { level: 1, name: 'Language and display' })).toBeVisible();
  await page.getByRole('radio', { name: 'Español' }).click({ force: true });
  await expect(page.getByRole('heading', { level: 1, name: 'Idioma y pantalla' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect
    .poll(async () => (await (await page.request.get(`${API_URL}/auth/me`)).json()).data.preferredLanguage)
    .toBe('es');

  // A browser with no language cookie: English at sign-in, then the profile's Spanish.
  const fresh = await browser.newContext({ baseURL: app.url });
  const other = await fresh.newPage();
  await other.goto('/login');
  await expect(other.locator('html')).toHaveAttribute('lang', 'en');
  await other.getByLabel('Email address').fill(user.email);
  await other.getByLabel('Password', { exact: true }).fill(user.password);
  await other.getByRole('button', { name: 'Sign in' }).click();
  // The home screen's heading, in Spanish (the admin dashboard opens on the team's overview).
  await expect(other.getByRole('heading', { level: 1 })).toHaveText(
    app.key === 'admin' ? 'Su equipo hoy' : `Hola, ${user.firstName}`,
  );
  await expect(other.locator('html')).toHaveAttribute('lang', 'es');
  await fresh.close();
});

test('time zone is saved to the profile; text size applies at once and stays on this device', async ({
  page,
  request,
  app,
}) => {
  const user = await createAccountUser(request, accountRole(app));
  await signInAs(page, user);
  await page.goto('/account/preferences');
  const zone = page.getByRole('combobox', { name: 'Time zone' });
  await zone.fill('America/New');
  await page.getByRole('option', { name: 'America/New York' }).click();
  await page.getByRole('button', { name: 'Save time zone' }).click();
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('Time zone saved');
  const me = await (await page.request.get(`${API_URL}/auth/me`)).json();
  expect(me.data.timezone).toBe('America/New_York');

  await page.getByRole('radio', { name: 'Large', exact: true }).click({ force: true });
  await expect(page.locator('html')).toHaveClass(/text-size-large/);
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/text-size-large/);
  await expect(page.getByRole('radio', { name: 'Large', exact: true })).toBeChecked();
});
