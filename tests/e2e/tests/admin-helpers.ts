import type { APIRequestContext, Page } from '@playwright/test';
import { APPS_UNDER_TEST, DEMO_PASSWORD, type DemoUser, SUPERVISOR } from '../apps-under-test';
import { API_URL } from './account-helpers';
import { apiSignIn, expect, signIn } from './fixtures';
import { whenLive } from './mobile-web-helpers';

// The admin dashboard's journeys: their own specs run in the admin project only, and they set up
// and check what they need through the real API as the demo users.

export const ADMIN = APPS_UNDER_TEST.find((app) => app.key === 'admin')!.user;
export const WORKER: DemoUser = { email: 'worker@caretracker.dev', name: 'Jordan Lee', role: 'WORKER' };
export { SUPERVISOR };
/** The care worker app, for journeys where the office's change must show on a worker's phone. */
export const WORKER_APP_URL = APPS_UNDER_TEST.find((app) => app.key === 'mobile-web')!.url;

/** An API answer as JSON: the envelope's data, or the shared error shape. */
export interface ApiBody {
  data?: Record<string, unknown> & { id?: string };
  error?: string;
  message?: string;
  details?: Record<string, unknown>;
}

export interface ApiAs {
  get<T>(path: string): Promise<T>;
  send(method: 'POST' | 'PUT', path: string, body: unknown): Promise<{ status: number; body: ApiBody | null }>;
  status(path: string): Promise<number>;
}

const tokens = new Map<string, string>();

async function bearer(request: APIRequestContext, user: DemoUser): Promise<string> {
  const cached = tokens.get(user.email);
  if (cached) return cached;
  const { accessToken } = await apiSignIn(
    request,
    API_URL,
    { email: user.email, password: DEMO_PASSWORD, tokenDelivery: 'body' },
    user.totp,
  );
  tokens.set(user.email, accessToken!);
  return accessToken!;
}

/** Calls the API as a demo user (a bearer token from a real sign-in). */
export async function apiAs(request: APIRequestContext, user: DemoUser): Promise<ApiAs> {
  const headers = { authorization: `Bearer ${await bearer(request, user)}` };
  return {
    async get<T>(path: string) {
      const response = await request.get(`${API_URL}${path}`, { headers });
      expect(response.status(), `GET ${path}`).toBe(200);
      return (await response.json()).data as T;
    },
    async send(method, path, body) {
      const response = await request.fetch(`${API_URL}${path}`, { method, headers, data: body });
      return { status: response.status(), body: await response.json().catch(() => null) };
    },
    async status(path: string) {
      return (await request.get(`${API_URL}${path}`, { headers })).status();
    },
  };
}

/**
 * Calls the API with the browser's own session (its cookies), after `signIn`: no second sign-in,
 * so no second TOTP step for the admin.
 */
export function apiFromPage(page: Page): ApiAs {
  const request = page.request;
  return {
    async get<T>(path: string) {
      const response = await request.get(`${API_URL}${path}`);
      expect(response.status(), `GET ${path}`).toBe(200);
      return (await response.json()).data as T;
    },
    async send(method, path, body) {
      const response = await request.fetch(`${API_URL}${path}`, { method, data: body });
      return { status: response.status(), body: await response.json().catch(() => null) };
    },
    async status(path: string) {
      return (await request.get(`${API_URL}${path}`)).status();
    },
  };
}

/**
 * Signs `user` in at desktop size and opens a main-nav entry by its name ("Messages"); returns once
 * the page's live notifications channel is open, so what the API sends next arrives without a reload.
 */
export async function openFromNav(page: Page, user: DemoUser, entry: string) {
  const live = whenLive(page, 'notifications');
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, user);
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: new RegExp(`^${entry}`) })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: entry })).toBeVisible();
  await live;
}

/** The nav entry's accessible name: "Messages, 2 unread" while something is unread (polled against the API's count). */
export async function expectNavBadge(page: Page, label: string, unread: () => Promise<number>) {
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect
    .poll(
      async () => {
        const count = await unread();
        const name = count > 0 ? new RegExp(`^${label}\\s*, ${count} (unread|sin leer)$`) : new RegExp(`^${label}$`);
        return (await nav.getByRole('link', { name }).count()) === 1 ? 'matches' : `no "${label}" link for ${count}`;
      },
      { timeout: 15_000 },
    )
    .toBe('matches');
}
