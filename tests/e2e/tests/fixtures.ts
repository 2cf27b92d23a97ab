import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, test as base, expect, type Page } from '@playwright/test';
import { generate } from 'otplib';
import { APPS_UNDER_TEST, type AppUnderTest, DEMO_PASSWORD, DEMO_TOTP_SECRET, type DemoUser } from '../apps-under-test';

/**
 * next-intl's codes for a message that could not be shown (missing, or its arguments did not fit).
 * The page then shows a fallback instead of the words, so any of them in the console fails the test.
 */
const MESSAGE_ERROR = /\b(MISSING_MESSAGE|FORMATTING_ERROR|INVALID_MESSAGE|INVALID_KEY)\b/;

export const test = base.extend<{ app: AppUnderTest; messageErrors: undefined }>({
  // Set per project in playwright.config.ts.
  app: [APPS_UNDER_TEST[0] as AppUnderTest, { option: true }],
  messageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' && MESSAGE_ERROR.test(message.text())) errors.push(message.text());
      });
      await use(undefined);
      expect(errors, 'messages that could not be shown').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/**
 * react-aria's live announcer: an off-screen region whose messages a screen reader has already
 * read. A button that was pending leaves a `role=img` message there for 7 s that points at the
 * button's progress label, gone once the work is done; axe then flags the message, not the page.
 */
export const AXE_EXCLUDE = '[data-live-announcer]';

/** Runs axe with the WCAG 2.2 AA rule set and fails with a readable list of violations. */
export async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).exclude(AXE_EXCLUDE).analyze();
  const summary = violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, 'axe violations').toEqual([]);
}

/**
 * A TOTP code nobody in this run has used yet. The API accepts each code once (a replay, or an
 * earlier step's code, is refused), and the two Playwright workers may sign the same account in
 * at the same moment: each 30 s step is claimed by creating a file for it, and whoever finds its
 * step taken (or about to expire) waits for the next one. The waiters wake at a random moment in
 * the step's first seconds, so neither worker wins every step (one lost eight in a row in CI).
 * Claim the code before the password step: a wait after it can outlast the second-step token.
 */
export async function totpCode(secret = DEMO_TOTP_SECRET): Promise<string> {
  const claims = path.join(
    tmpdir(),
    `caretracker-e2e-totp-${createHash('sha256').update(secret).digest('hex').slice(0, 16)}`,
  );
  mkdirSync(claims, { recursive: true });
  for (;;) {
    const seconds = Math.floor(Date.now() / 1000);
    const step = Math.floor(seconds / 30);
    for (const old of readdirSync(claims)) if (Number(old) < step - 4) rmSync(path.join(claims, old), { force: true });
    if (30 - (seconds % 30) >= 5) {
      try {
        writeFileSync(path.join(claims, String(step)), '', { flag: 'wx' });
        return generate({ secret, epoch: step * 30 });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    // Waiting for the next step takes up to 30 s: give the test that time on top of its own.
    test.info().setTimeout(test.info().timeout + 35_000);
    await new Promise((resolve) => setTimeout(resolve, (30 - (seconds % 30)) * 1000 + 500 + Math.random() * 3000));
  }
}

/**
 * Fills the login form (and the TOTP step when the user has one) and submits it. The code is
 * claimed first: the password step starts the second step's 5-minute token.
 */
export async function signIn(page: Page, user: DemoUser, password = DEMO_PASSWORD) {
  const code = user.totp ? await totpCode() : null;
  await page.goto('/login');
  await page.getByLabel('Email address').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (code) {
    await expect(page.getByRole('heading', { name: 'Enter your verification code' })).toBeVisible();
    await page.getByLabel('Verification code', { exact: true }).fill(code);
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
  }
}

/**
 * Signs in through the API: the password, then the TOTP code where the account asks for one
 * (claimed before the password step when `totp` says it will). Answers the last step's data
 * (`accessToken` with `tokenDelivery: 'body'`; cookies in `request` otherwise).
 */
export async function apiSignIn(
  request: APIRequestContext,
  apiUrl: string,
  credentials: { email: string; password: string; tokenDelivery?: 'body' },
  totp = false,
): Promise<{ accessToken?: string }> {
  const early = totp ? await totpCode() : null;
  const login = await request.post(`${apiUrl}/auth/login`, { data: credentials });
  expect(login.status(), `sign-in of ${credentials.email}`).toBe(200);
  const { data } = await login.json();
  if (data.status !== 'mfa_required') return data;
  const verify = await request.post(`${apiUrl}/auth/mfa/verify`, {
    data: {
      mfaToken: data.mfaToken,
      code: early ?? (await totpCode()),
      ...(credentials.tokenDelivery ? { tokenDelivery: credentials.tokenDelivery } : {}),
    },
  });
  expect(verify.status(), `second step of ${credentials.email}`).toBe(200);
  return (await verify.json()).data;
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Sign in');
}
