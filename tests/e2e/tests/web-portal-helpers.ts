import { randomInt } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import { APPS_UNDER_TEST, type DemoUser, SUPERVISOR } from '../apps-under-test';
import { type ApiAs, apiAs, WORKER } from './admin-helpers';
import { expect, signIn } from './fixtures';

// Shared by the client portal's journeys (web-portal-*.spec.ts): the demo client, and visits of
// their own made through the API for each test, so no journey depends on the seed staying untouched.

export const CLIENT: DemoUser = APPS_UNDER_TEST.find((app) => app.key === 'web')!.user;
export const PAT_HOME = { lat: 45.5171, lng: -122.6535, accuracyM: 12 };

export interface PortalVisit {
  id: string;
  clientId: string;
  status: string;
  scheduledStart: string;
  scheduledEnd: string;
  rating?: { stars: number; comment: string | null } | null;
}

/** Sends and expects the status; returns the envelope's data. */
export async function call<T>(api: ApiAs, method: 'POST' | 'PUT', path: string, body: unknown, status = 200) {
  const answer = await api.send(method, path, body);
  expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBe(status);
  return answer.body?.data as T;
}

/**
 * A slot far ahead that no other journey picks (a random day 200–1,900 days out, 3 a.m. in
 * Pat's zone, when no dose is due), so the worker's calendar never clashes.
 */
function freeSlot(minutes = 60) {
  const day = new Date(Date.now() + randomInt(200, 1900) * 86_400_000);
  day.setUTCHours(11, randomInt(0, 12) * 5, 0, 0);
  return { start: day, end: new Date(day.getTime() + minutes * 60_000) };
}

/**
 * A visit for the demo client with the demo worker, booked by their supervisor. Two journeys can
 * draw the same night (every slot of a night overlaps the others): on the API's clash another is drawn.
 */
export async function bookForClient(request: APIRequestContext): Promise<PortalVisit> {
  const supervisor = await apiAs(request, SUPERVISOR);
  const me = await (await apiAs(request, CLIENT)).get<{ id: string }>('/auth/me');
  const worker = await (await apiAs(request, WORKER)).get<{ id: string }>('/auth/me');
  for (let attempt = 0; attempt < 5; attempt++) {
    const { start, end } = freeSlot();
    const booked = await supervisor.send('POST', '/visits', {
      clientId: me.id,
      workerId: worker.id,
      scheduledStart: start.toISOString(),
      scheduledEnd: end.toISOString(),
      serviceType: 'COMPANION',
    });
    if (booked.status === 409) continue;
    expect(booked.status, `POST /visits: ${JSON.stringify(booked.body)}`).toBe(201);
    return booked.body?.data as unknown as PortalVisit;
  }
  throw new Error('five nights drawn, each already booked for the worker');
}

/** A visit the worker checked in and out of through the API: completed. */
export async function completedVisit(request: APIRequestContext): Promise<PortalVisit> {
  const visit = await bookForClient(request);
  const worker = await apiAs(request, WORKER);
  await call(worker, 'POST', `/visits/${visit.id}/checkin`, PAT_HOME);
  await call(worker, 'POST', `/visits/${visit.id}/checkout`, { ...PAT_HOME, notes: 'We went for a short walk.' });
  return visit;
}

export async function signInAsClient(page: Page) {
  await signIn(page, CLIENT);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Pat');
}
