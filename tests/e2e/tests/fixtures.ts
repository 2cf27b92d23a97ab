import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { generate } from 'otplib';
import { APPS_UNDER_TEST, type AppUnderTest, DEMO_PASSWORD, DEMO_TOTP_SECRET, type DemoUser } from '../apps-under-test';

export const test = base.extend<{ app: AppUnderTest }>({
  // Set per project in playwright.config.ts.
  app: [APPS_UNDER_TEST[0] as AppUnderTest, { option: true }],
});
export { expect };

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe with the WCAG 2.2 AA rule set and fails with a readable list of violations. */
export async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, 'axe violations').toEqual([]);
}

/** A fresh TOTP code, waiting for the next 30 s step when this one is about to expire. */
export async function totpCode(secret = DEMO_TOTP_SECRET): Promise<string> {
  const secondsLeft = 30 - (Math.floor(Date.now() / 1000) % 30);
  if (secondsLeft < 5) await new Promise((resolve) => setTimeout(resolve, (secondsLeft + 1) * 1000));
  return generate({ secret });
}

/** Fills the login form (and the TOTP step when the user has one) and submits it. */
export async function signIn(page: Page, user: DemoUser, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (user.totp) {
    await expect(page.getByRole('heading', { name: 'Enter your verification code' })).toBeVisible();
    await page.getByLabel('Verification code', { exact: true }).fill(await totpCode());
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
  }
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Sign in');
}
