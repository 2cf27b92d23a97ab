import { randomBytes } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import { APPS_UNDER_TEST, DEMO_PASSWORD, DEMO_TOTP_SECRET, homeHeading } from '../apps-under-test';
import { expect, expectNoAxeViolations, signOut, test, totpCode } from './fixtures';

const API_URL = process.env.E2E_API_URL ?? 'http://localhost:4000';
const seededAdmin = APPS_UNDER_TEST.find((app) => app.key === 'admin')!.user;

/** Signs the seeded admin in through the API (password, then TOTP) and returns a bearer token. */
async function adminAccessToken(request: APIRequestContext): Promise<string> {
  const login = await request.post(`${API_URL}/auth/login`, {
    data: { email: seededAdmin.email, password: DEMO_PASSWORD, tokenDelivery: 'body' },
  });
  expect(login.status()).toBe(200);
  const { data: step } = await login.json();
  expect(step.status).toBe('mfa_required');
  const verify = await request.post(`${API_URL}/auth/mfa/verify`, {
    data: { mfaToken: step.mfaToken, code: await totpCode(DEMO_TOTP_SECRET), tokenDelivery: 'body' },
  });
  expect(verify.status()).toBe(200);
  const { data: session } = await verify.json();
  expect(session.accessToken).toEqual(expect.any(String));
  return session.accessToken;
}

async function submitCredentials(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a new admin must enrol in two-step verification at first sign-in, then signs in with a code', async ({
  page,
  request,
  app,
}) => {
  // A uniquely named admin, created by the seeded admin through the API.
  const unique = randomBytes(4).toString('hex');
  const newAdmin = {
    email: `e2e-admin-${unique}@caretracker.dev`,
    password: 'Quiet-Harbour-Ledger-73',
    role: 'ADMIN',
    firstName: 'Robin',
    lastName: 'Okafor',
  };
  const created = await request.post(`${API_URL}/users`, {
    headers: { authorization: `Bearer ${await adminAccessToken(request)}` },
    data: newAdmin,
  });
  expect(created.status(), await created.text()).toBe(201);
  const signedInAs = `Signed in as ${newAdmin.firstName} ${newAdmin.lastName} (Administrator)`;

  // First sign-in: the password is not enough, enrolment comes before any session.
  await submitCredentials(page, newAdmin.email, newAdmin.password);
  await expect(page.getByRole('heading', { name: 'Set up two-step verification' })).toBeVisible();
  const secret = (await page.getByTestId('mfa-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  expect(secret).not.toBe(DEMO_TOTP_SECRET);
  await expectNoAxeViolations(page);
  // No session yet: the browser holds no cookie the API accepts.
  expect((await page.request.get(`${API_URL}/auth/me`)).status()).toBe(401);

  await page.getByLabel('6-digit code').fill(await totpCode(secret));
  await page.getByRole('button', { name: 'Turn on two-step verification' }).click();

  await expect(page.getByRole('heading', { name: 'Save your recovery codes' })).toBeVisible();
  const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  for (const code of await codes.allTextContents()) expect(code.trim()).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/i);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'I have saved these codes, continue' }).click();

  await expect(page.getByTestId('signed-in-as')).toHaveText(signedInAs);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    homeHeading('admin', { role: 'ADMIN', firstName: newAdmin.firstName }),
  );
  await signOut(page);

  // From now on the password leads to the code step, and the enrolled secret's code signs in.
  await submitCredentials(page, newAdmin.email, newAdmin.password);
  await expect(page.getByRole('heading', { name: 'Enter your verification code' })).toBeVisible();
  await page.getByLabel('Verification code', { exact: true }).fill(await totpCode(secret));
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(page).toHaveURL(`${app.url}/`);
  await expect(page.getByTestId('signed-in-as')).toHaveText(signedInAs);
  await signOut(page);
});
