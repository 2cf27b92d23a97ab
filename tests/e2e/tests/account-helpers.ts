import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { APPS_UNDER_TEST, type AppUnderTest, DEMO_PASSWORD, SUPERVISOR } from '../apps-under-test';
import { apiSignIn, expect } from './fixtures';

// The account journeys change passwords, two-step verification and profiles, so each one works on
// a user of its own, created through the API (never the shared demo users).

export const API_URL = process.env.E2E_API_URL ?? 'http://localhost:4000';
export const NEW_PASSWORD = 'Lantern-Meadow-Quiet-58';

export interface AccountUser {
  id: string;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  role: 'CLIENT' | 'WORKER' | 'SUPERVISOR';
}

async function bearer(request: APIRequestContext, email: string, totp = false): Promise<string> {
  const { accessToken } = await apiSignIn(
    request,
    API_URL,
    { email, password: DEMO_PASSWORD, tokenDelivery: 'body' },
    totp,
  );
  return accessToken!;
}

/** The role whose account screens a journey uses in this app: the app's own (the admin app: a supervisor). */
export function accountRole(app: AppUnderTest): AccountUser['role'] {
  return app.key === 'web' ? 'CLIENT' : app.key === 'mobile-web' ? 'WORKER' : 'SUPERVISOR';
}

/**
 * A new user of the role: clients and workers created by the demo supervisor, supervisors by the
 * demo admin (one TOTP sign-in).
 */
export async function createAccountUser(request: APIRequestContext, role: AccountUser['role']): Promise<AccountUser> {
  const admin = APPS_UNDER_TEST.find((app) => app.key === 'admin')!.user;
  const token =
    role === 'SUPERVISOR' ? await bearer(request, admin.email, true) : await bearer(request, SUPERVISOR.email);
  const unique = randomBytes(4).toString('hex');
  const user = {
    email: `e2e-account-${role.toLowerCase()}-${unique}@caretracker.dev`,
    password: 'Copper-Kettle-Harbour-64',
    firstName: 'Quinn',
    lastName: `Ellery${unique}`,
    role,
  };
  const created = await request.post(`${API_URL}/users`, {
    headers: { authorization: `Bearer ${token}` },
    data: { ...user, profile: { phone: '+1 503 555 0111', preferredLanguage: 'en', timezone: 'America/Los_Angeles' } },
  });
  expect(created.status(), await created.text()).toBe(201);
  return { ...user, id: (await created.json()).data.id };
}

/** Signs in through the form (the journeys' own users have no second step unless they enrolled). */
export async function signInAs(page: Page, user: Pick<AccountUser, 'email' | 'password'>, password = user.password) {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Signed in: the shell names the user (each app's home has its own heading).
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  await expect(page).not.toHaveURL(/\/login/);
}

/** The newest mail to an address that the SMTP sink of `pnpm test:e2e` received (quoted-printable undone). */
/**
 * The newest mail to `address` whose text contains `containing`: the reset mail leaves after the
 * API's answer, so an older mail (the sign-up's verification) may be the newest for a moment;
 * `atLeast` waits until that many such mails have arrived.
 */
export async function latestMailTo(address: string, containing = '', atLeast = 1): Promise<string> {
  const dir = process.env.E2E_MAILBOX_DIR;
  if (!dir) throw new Error('E2E_MAILBOX_DIR is not set: run the journeys through `pnpm test:e2e`');
  const matching = () => {
    const files = existsSync(dir) ? readdirSync(dir).sort().reverse() : [];
    return files
      .map((file) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { to: string[]; raw: string })
      .filter((mail) => mail.to.includes(address))
      .map((mail) => mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '='))
      .filter((text) => text.includes(containing));
  };
  let found: string[] = [];
  await expect
    .poll(
      () => {
        found = matching();
        return found.length >= atLeast;
      },
      { message: `${atLeast} mail(s) to ${address}`, timeout: 15_000 },
    )
    .toBe(true);
  return found[0] ?? '';
}

/** A role's name as the header writes it ("Signed in as Pat Taylor (Client)"). */
export const ROLE_LABEL = {
  CLIENT: 'Client',
  WORKER: 'Care worker',
  SUPERVISOR: 'Supervisor',
  ADMIN: 'Administrator',
} as const;
