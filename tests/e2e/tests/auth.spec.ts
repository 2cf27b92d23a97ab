import { homeHeading } from '../apps-under-test';
import { ROLE_LABEL } from './account-helpers';
import { expect, expectNoAxeViolations, signIn, signOut, test } from './fixtures';

test.describe('sign-in', () => {
  test('the login page has no WCAG 2.2 AA violations', async ({ page, app }) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { name: `Sign in to the ${app.title}` })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('a signed-out visitor is sent to the login page', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);
  });

  test("the app's demo user signs in and out", async ({ page, app }) => {
    await signIn(page, app.user);
    await expect(page).toHaveURL(`${app.url}/`);
    await expect(page.getByTestId('signed-in-as')).toHaveText(
      `Signed in as ${app.user.name} (${ROLE_LABEL[app.user.role]})`,
    );
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      homeHeading(app.key, { role: app.user.role, firstName: app.user.name.split(' ')[0]! }),
    );
    await expectNoAxeViolations(page);

    await signOut(page);
    // The session is really gone: the home page sends us back to sign in.
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);
  });

  test('a wrong password shows an error and stays on the login page', async ({ page, app }) => {
    await page.goto('/login');
    await page.getByLabel('Email address').fill(app.user.email);
    await page.getByLabel('Password', { exact: true }).fill('not-the-right-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText('Invalid email or password');
    await expect(page).toHaveURL(/\/login$/);
  });

  test('empty fields are named in the form', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Enter your email address.')).toBeVisible();
    await expect(page.getByText('Enter your password.')).toBeVisible();
  });

  test('a user of another role is pointed to the right app', async ({ page, app }) => {
    await signIn(page, app.outsider);
    await expect(page.getByRole('heading', { name: 'This app is not for your role' })).toBeVisible();
    const link = page.getByRole('link', { name: `Go to the ${app.outsider.rightAppTitle}` });
    await expect(link).toHaveAttribute('href', app.outsider.rightAppUrl);
    await signOut(page);
  });
});
