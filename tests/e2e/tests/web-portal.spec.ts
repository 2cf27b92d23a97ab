import { randomBytes } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import { APPS_UNDER_TEST, DEMO_PASSWORD, SUPERVISOR } from '../apps-under-test';
import { API_URL, createAccountUser, signInAs } from './account-helpers';
import { expect, signIn, test } from './fixtures';
import { whenLive } from './mobile-web-helpers';

// The client portal's journeys, against the real API: Pat Taylor (the demo client) sees who is
// coming and watches the visit change live as the worker checks in through the API; cancels a
// visit with a reason (and meets the cut-off in plain words); reads the budget; and cannot open
// another client's visit by its address.

const client = APPS_UNDER_TEST.find((app) => app.key === 'web')!.user;
const AT_THE_DOOR = { lat: 45.5171, lng: -122.6535, accuracyM: 12 };

interface Api {
  /** Any answer's status (for calls whose outcome may differ, e.g. already a participant). */
  send(method: 'POST', path: string, data: object): Promise<number>;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, data: object, status?: number): Promise<T>;
}

/** Calls the API as a demo user (bearer token from a body login). */
async function apiAs(request: APIRequestContext, email: string, password = DEMO_PASSWORD): Promise<Api> {
  const login = await request.post(`${API_URL}/auth/login`, {
    data: { email, password, tokenDelivery: 'body' },
  });
  expect(login.status(), `sign-in of ${email}`).toBe(200);
  const headers = { authorization: `Bearer ${(await login.json()).data.accessToken}` };
  return {
    async send(_method: 'POST', path: string, data: object) {
      return (await request.post(`${API_URL}${path}`, { headers, data })).status();
    },
    async get<T>(path: string) {
      const response = await request.get(`${API_URL}${path}`, { headers });
      expect(response.status(), `GET ${path}: ${await response.text()}`).toBe(200);
      return (await response.json()).data as T;
    },
    async post<T>(path: string, data: object, status = 200) {
      const response = await request.post(`${API_URL}${path}`, { headers, data });
      expect(response.status(), `POST ${path}: ${await response.text()}`).toBe(status);
      return (await response.json()).data as T;
    },
  };
}

interface Visit {
  id: string;
  clientId: string;
  status: string;
  scheduledStart: string;
  cancellationReason: string | null;
}

/** An unassigned visit for Pat booked by the supervisor (no worker's calendar to clash with). */
async function bookForPat(request: APIRequestContext, startInMs: number, minutes = 60): Promise<Visit> {
  const supervisor = await apiAs(request, SUPERVISOR.email);
  const pat = await apiAs(request, client.email);
  const me = await pat.get<{ id: string }>('/auth/me');
  const start = new Date(Date.now() + startInMs);
  return supervisor.post<Visit>(
    '/visits',
    {
      clientId: me.id,
      scheduledStart: start.toISOString(),
      scheduledEnd: new Date(start.getTime() + minutes * 60_000).toISOString(),
      serviceType: 'COMPANION',
    },
    201,
  );
}

/** A new client and a new worker of the demo supervisor's team, and an hour's visit between them. */
async function visitOfOurOwn(request: APIRequestContext, startInMs: number) {
  const [person, carer] = await Promise.all([
    createAccountUser(request, 'CLIENT'),
    createAccountUser(request, 'WORKER'),
  ]);
  const supervisor = await apiAs(request, SUPERVISOR.email);
  const start = new Date(Date.now() + startInMs);
  const visit = await supervisor.post<Visit>(
    '/visits',
    {
      clientId: person.id,
      workerId: carer.id,
      scheduledStart: start.toISOString(),
      scheduledEnd: new Date(start.getTime() + 3_600_000).toISOString(),
      serviceType: 'COMPANION',
    },
    201,
  );
  return { person, carer, visit };
}

async function signInAsPat(page: Page) {
  await signIn(page, client);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Pat');
}

test("Pat's home names who is coming and how to reach the office", async ({ page, request }) => {
  const pat = await apiAs(request, client.email);
  const home = await pat.get<{
    nextVisit: { id: string; worker: { firstName: string; lastName: string } | null } | null;
    office: { phone: string; supervisor: { firstName: string; lastName: string } | null };
  }>('/portal/home');
  expect(home.nextVisit?.worker, 'the demo seed books Pat visits with a worker').toBeTruthy();

  await signInAsPat(page);
  const card = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Your next visit' }) });
  // Other journeys check Pat's visits in and out meanwhile: the card names the worker either way.
  await expect(
    card.getByText(`${home.nextVisit!.worker!.firstName} ${home.nextVisit!.worker!.lastName}`).first(),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: `Call the office: ${home.office.phone}` })).toBeVisible();
  await expect(
    page.getByText(`${home.office.supervisor!.firstName} ${home.office.supervisor!.lastName} at the office`),
  ).toBeVisible();
});

test('a client sees the next visit and its status change live when the worker checks in', async ({ page, request }) => {
  // A client and a worker of this journey's own: no other journey checks their visit in first.
  const { person, carer, visit } = await visitOfOurOwn(request, 2 * 3_600_000);

  const live = whenLive(page);
  await signInAs(page, person);
  await live;
  const card = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Your next visit' }) });
  await expect(card.getByText(`${carer.firstName} ${carer.lastName} is coming`)).toBeVisible();
  await expect(card.getByTestId('next-visit-when')).toHaveText(/Today|Tomorrow/);
  // Live updates are connected before the worker acts.
  await expect(card.getByText('This page updates by itself.')).toBeVisible();
  await expect(card.getByTestId('next-visit-status')).not.toContainText('Happening now');

  const worker = await apiAs(request, carer.email, carer.password);
  await worker.post(`/visits/${visit.id}/checkin`, AT_THE_DOOR);

  // No reload: the live event refreshes the card.
  await expect(card.getByTestId('next-visit-status')).toContainText('Happening now');
  await expect(card.getByTestId('next-visit-status')).toContainText(`${carer.firstName} ${carer.lastName} arrived at`);
});

test('Pat cancels an upcoming visit with a reason, and the office API shows it cancelled', async ({
  page,
  request,
}) => {
  const visit = await bookForPat(request, 30 * 86_400_000);
  const reason = `Family visiting that day ${randomBytes(3).toString('hex')}`;
  await signInAsPat(page);
  await page.goto(`/visits/${visit.id}`);
  await expect(page.getByText('You can cancel a visit here until the time it is due to start.')).toBeVisible();
  // Confirming first (booked → confirmed) keeps it cancellable.
  await page.getByRole('button', { name: 'Confirm I will be home' }).click();
  await expect(page.getByText('Thank you. The visit is confirmed.')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Confirmed' }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Cancel this visit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel this visit?' });
  // A reason is asked for.
  await dialog.getByRole('button', { name: 'Cancel the visit' }).click();
  await expect(dialog.getByText('Please tell us why you are cancelling.')).toBeVisible();
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByRole('button', { name: 'Cancel the visit' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Cancelled. Reason given: ${reason}`)).toBeVisible();

  const supervisor = await apiAs(request, SUPERVISOR.email);
  const seen = await supervisor.get<Visit>(`/visits/${visit.id}`);
  expect(seen.status).toBe('CANCELLED');
  expect(seen.cancellationReason).toBe(reason);
});

test('cancelling once the visit is due is refused, and the portal says why in plain words', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const visit = await bookForPat(request, 20_000, 30);
  await signInAsPat(page);
  await page.goto(`/visits/${visit.id}`);
  await expect(page.getByRole('button', { name: 'Cancel this visit' })).toBeVisible();
  // The page was opened before the start; the API decides at the moment of cancelling.
  await page.waitForTimeout(Math.max(0, new Date(visit.scheduledStart).getTime() - Date.now() + 1_000));
  await page.getByRole('button', { name: 'Cancel this visit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel this visit?' });
  await dialog.getByLabel('Reason').fill('Feeling unwell today');
  await dialog.getByRole('button', { name: 'Cancel the visit' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByText(/has already started or is due now, so it cannot be cancelled here\. Please call the office at/),
  ).toBeVisible();
  await expect(page.getByText(/FORBIDDEN|403/)).toHaveCount(0);

  const supervisor = await apiAs(request, SUPERVISOR.email);
  expect((await supervisor.get<Visit>(`/visits/${visit.id}`)).status).toBe('SCHEDULED');
});

test("the budget page's figures, chart table and the API's agree", async ({ page, request }) => {
  const pat = await apiAs(request, client.email);
  const today = new Date().toISOString().slice(0, 10);
  const [summary] = await pat.get<{ id: string }[]>(`/budgets?status=ACTIVE&periodStart=${today}&periodEnd=${today}`);
  expect(summary, 'the demo seed gives Pat a budget for this period').toBeTruthy();

  await signInAsPat(page);
  await page.goto('/budget');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your budget');
  const table = page.getByRole('grid', { name: /chart/i }).or(page.getByRole('table'));
  await expect(table.first()).toBeVisible();
  // Read the API after the page, so booked visits cannot move between the two.
  const budget = await pat.get<{
    totals: { allocationCents: number; spentCents: number; pendingCents: number; remainingCents: number };
    categories: {
      category: string;
      allocationCents: number;
      spentCents: number;
      pendingCents: number;
      remainingCents: number;
    }[];
  }>(`/budgets/${summary!.id}`);
  const money = (cents: number) =>
    new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
  await expect(page.getByTestId('budget-total')).toHaveText(money(budget.totals.allocationCents));
  await expect(page.getByTestId('budget-used')).toHaveText(
    money(budget.totals.spentCents + budget.totals.pendingCents),
  );
  await expect(page.getByTestId('budget-left')).toHaveText(money(budget.totals.remainingCents));
  await expect(page.getByTestId('budget-forecast')).toContainText(/At the pace so far, with the visits already booked/);
  // The chart's table: one row per category with its allocation, what is used and what is left
  // (whole dollars without cents, so the chart's axis stays narrow).
  const short = (cents: number) =>
    cents % 100 === 0
      ? new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(
          cents / 100,
        )
      : money(cents);
  const labels: Record<string, string> = { PERSONAL_CARE: 'Personal care', MEDICAL_SERVICES: 'Medical services' };
  for (const category of budget.categories.filter((c) => c.allocationCents > 0 && labels[c.category])) {
    const row = table.first().getByRole('row').filter({ hasText: labels[category.category]! });
    const cells = row.getByRole('gridcell').or(row.getByRole('cell'));
    await expect(cells).toHaveText([
      short(category.allocationCents),
      short(category.spentCents + category.pendingCents),
      short(category.remainingCents),
    ]);
  }
});

test("another client's visit, opened by its address, is a calm not-found", async ({ page, request }) => {
  const supervisor = await apiAs(request, SUPERVISOR.email);
  const pat = await apiAs(request, client.email);
  const me = await pat.get<{ id: string }>('/auth/me');
  const visits = await supervisor.get<Visit[]>('/visits?limit=100');
  const other = visits.find((visit) => visit.clientId !== me.id);
  expect(other, "the supervisor's team has other clients' visits").toBeTruthy();

  await signInAsPat(page);
  await page.goto(`/visits/${other!.id}`);
  await expect(page.getByText('Not found', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Visit');
  await expect(page.getByRole('link', { name: 'Your visits' }).first()).toBeVisible();
  // A malformed id is the same calm page.
  await page.goto('/visits/not-a-visit');
  await expect(page.getByText('Not found', { exact: true })).toBeVisible();
});

test('Pat alerts the office from "Get help now" and sees when someone has seen it', async ({ page, request }) => {
  test.setTimeout(60_000);
  const supervisor = await apiAs(request, SUPERVISOR.email);
  const pat = await apiAs(request, client.email);
  // The page offers the button while Pat has no unresolved alert: one another journey raised for a
  // visit of Pat's (a worker's press) and left acknowledged is closed first.
  for (const left of await pat.get<{ id: string; status: string }[]>('/emergencies?limit=100')) {
    if (left.status === 'OPEN') await supervisor.post(`/emergencies/${left.id}/ack`, {});
    if (left.status !== 'RESOLVED')
      await supervisor.post(`/emergencies/${left.id}/resolve`, { note: 'Closed by a test' });
  }
  await signInAsPat(page);
  await page.getByRole('link', { name: 'Get help now' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Get help now');
  await expect(page.getByRole('link', { name: 'Call 911' })).toHaveAttribute('href', 'tel:911');
  // Two presses, so a shaky hand does not send it by accident.
  await page.getByRole('button', { name: 'I need help' }).click();
  await page.getByRole('button', { name: 'Yes, send the alert' }).click();
  const status = page.getByTestId('alert-status');
  await expect(status).toContainText('Your alert was sent at');
  await expect(status).toContainText('Waiting for someone at the office to answer.');

  const [alert] = await pat.get<{ id: string }[]>('/emergencies?status=OPEN');
  await supervisor.post(`/emergencies/${alert!.id}/ack`, { note: 'Calling Pat now' });
  await expect(status).toContainText('Someone at the office saw your alert at', { timeout: 20_000 });
  // Leave no open alert behind for the other journeys.
  await supervisor.post(`/emergencies/${alert!.id}/resolve`, { note: 'Spoke with Pat; all well' });
});

test('Pat asks for a visit: a day, a time of day and a note reach the office', async ({ page, request }) => {
  const note = `Help with the shopping ${randomBytes(3).toString('hex')}`;
  const day = new Date(Date.now() + 21 * 86_400_000);
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(day);
  await signInAsPat(page);
  await page.goto('/visits');
  await page.getByRole('link', { name: 'Ask for a visit' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ask for a visit');
  // No day chosen: said next to the field.
  await page.getByRole('button', { name: 'Send my request' }).click();
  await expect(page.getByText('Choose a day from tomorrow on.')).toBeVisible();
  await expect(page.getByLabel('Which day?')).toBeFocused();
  await page.getByLabel('Which day?').fill(date);
  // The choices are picked by their words, as a person taps them.
  await page.getByText(/^Afternoon, from/).click();
  await expect(page.getByRole('radio', { name: /^Afternoon/ })).toBeChecked();
  await page.getByText('2 hours', { exact: true }).click();
  await expect(page.getByRole('radio', { name: '2 hours' })).toBeChecked();
  await page.getByLabel('Anything we should know? (optional)').fill(note);
  await page.getByRole('button', { name: 'Send my request' }).click();
  await expect(page.getByText('Request sent')).toBeVisible();
  await expect(page.getByText(/at 3:00 PM\. The office will choose a care worker/)).toBeVisible();

  const pat = await apiAs(request, client.email);
  const me = await pat.get<{ id: string }>('/auth/me');
  const supervisor = await apiAs(request, SUPERVISOR.email);
  const from = new Date(day.getTime() - 2 * 86_400_000).toISOString();
  const to = new Date(day.getTime() + 2 * 86_400_000).toISOString();
  const visits = await supervisor.get<
    (Visit & { notes: string | null; workerId: string | null; scheduledEnd: string })[]
  >(`/visits?clientId=${me.id}&dateFrom=${from}&dateTo=${to}&limit=100`);
  const asked = visits.find((visit) => visit.notes === note);
  expect(asked, 'the request is a visit the office sees').toBeTruthy();
  expect(asked!.workerId).toBeNull();
  expect(new Date(asked!.scheduledEnd).getTime() - new Date(asked!.scheduledStart).getTime()).toBe(2 * 3_600_000);
  const local = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/Los_Angeles',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(asked!.scheduledStart));
  expect(local).toBe('3:00 PM');
});

test("Pat reads a new message from the office and replies; another client's thread is not found", async ({
  page,
  request,
}) => {
  const supervisor = await apiAs(request, SUPERVISOR.email);
  const pat = await apiAs(request, client.email);
  const me = await pat.get<{ id: string }>('/auth/me');
  const tag = randomBytes(3).toString('hex');
  const subject = `Next week's visits ${tag}`;
  const thread = await supervisor.post<{ id: string }>(
    '/conversations',
    { clientId: me.id, subject, message: `Hello Pat, Jordan will come at 9 on Monday (${tag}).` },
    201,
  );
  const added = await supervisor.send('POST', `/conversations/${thread.id}/participants`, { userId: me.id });
  expect([200, 201, 409]).toContain(added);

  await signInAsPat(page);
  await expect(page.getByTestId('home-unread')).toHaveText(/You have \d+ new messages?\./);
  await page.getByRole('link', { name: 'Read your messages' }).click();
  await page.getByRole('link', { name: new RegExp(subject) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(subject);
  await expect(page.getByText(`Hello Pat, Jordan will come at 9 on Monday (${tag}).`)).toBeVisible();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('Please write your message first.')).toBeVisible();
  await page.getByLabel('Your message').fill(`Thank you, I will be home (${tag}).`);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: `Thank you, I will be home (${tag}).` })).toContainText(
    'You',
  );
  const messages = await supervisor.get<{ body: string; senderId: string }[]>(`/conversations/${thread.id}/messages`);
  expect(messages.some((m) => m.senderId === me.id && m.body === `Thank you, I will be home (${tag}).`)).toBe(true);

  // Another client's conversation, by its address: calm not-found.
  const visits = await supervisor.get<Visit[]>('/visits?limit=100');
  const otherClient = visits.find((visit) => visit.clientId !== me.id)!.clientId;
  const theirs = await supervisor.post<{ id: string }>(
    '/conversations',
    { clientId: otherClient, subject: `About your care ${tag}` },
    201,
  );
  await page.goto(`/messages?c=${theirs.id}`);
  await expect(page.getByText('Not found', { exact: true })).toBeVisible();
  await expect(page.getByText(`About your care ${tag}`)).toHaveCount(0);
});

test("a client's health readings: the chart's table holds what the worker recorded at the visit", async ({
  page,
  request,
}) => {
  const { person, carer, visit } = await visitOfOurOwn(request, 5 * 60_000);
  const start = new Date(visit.scheduledStart);
  const worker = await apiAs(request, carer.email, carer.password);
  await worker.post(`/visits/${visit.id}/checkin`, AT_THE_DOOR);
  const pulse = 60 + (randomBytes(1)[0]! % 30);
  await worker.post(`/visits/${visit.id}/checkout`, {
    ...AT_THE_DOOR,
    vitals: { pulse, systolic: 128, diastolic: 82 },
  });

  await signInAs(page, person);
  await page.goto('/visits');
  await expect(page.getByRole('heading', { name: 'Your health readings' })).toBeVisible();
  const label = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/Los_Angeles',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  }).format(start);
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
  await expect(row).toContainText(String(pulse));
  // The drawing's code loads once the chart comes near the screen (the table above needs none of it).
  await row.scrollIntoViewIfNeeded();
  await expect(
    page.locator('figure').filter({ hasText: 'Readings at your last visits' }).locator('.recharts-wrapper'),
  ).toBeVisible();
  // Done before its booked time, the visit is among those that happened, not those coming up.
  await expect(page.getByRole('region', { name: 'Past visits' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Coming up' }).getByRole('listitem')).toHaveCount(0);
});
