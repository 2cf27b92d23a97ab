import type { DemoUser } from '../apps-under-test';
import { SUPERVISOR } from '../apps-under-test';
import { API_URL, createAccountUser, signInAs } from './account-helpers';
import { ADMIN, apiAs } from './admin-helpers';
import { expect, expectNoAxeViolations, signIn, test } from './fixtures';
import { whenLive } from './mobile-web-helpers';
import { bookForClient, CLIENT, call, PAT_HOME, type PortalVisit } from './web-portal-helpers';

// A family member (the seed's Chris Taylor, Pat's son) signs in with his own login: every screen
// says he acts for Pat and shows Pat's records; another client's visit is not found.

const FAMILY: DemoUser = { email: 'family@caretracker.dev', name: 'Chris Taylor', role: 'CLIENT' };

test('a family member sees "Acting for Pat Taylor" on every screen and Pat’s visit, budget and plan', async ({
  page,
  request,
}, testInfo) => {
  const visit = await bookForClient(request);
  await signIn(page, FAMILY);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Chris');
  const banner = page.getByRole('region', { name: 'Acting for Pat Taylor' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('You are signed in as Chris Taylor. You see what Pat sees.');
  // A strip above the page, not a block that pushes the page out of sight.
  expect((await banner.boundingBox())?.height ?? 0).toBeLessThan(160);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: testInfo.outputPath(`family-home-${page.viewportSize()?.width}.png`), fullPage: true });

  await page.goto(`/visits/${visit.id}`);
  await expect(banner).toBeVisible();
  await expect(page.getByRole('button', { name: 'Confirm I will be home' })).toBeVisible();
  for (const path of ['/visits', '/budget', '/care-plan', '/messages']) {
    await page.goto(path);
    await expect(banner, path).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/budget');
  await expect(banner).toBeVisible();
  expect((await banner.boundingBox())?.height ?? 0).toBeLessThan(200);
  await page.screenshot({ path: testInfo.outputPath('family-budget-390.png') });

  // Pat herself sees no such label.
  const pat = await (await apiAs(request, CLIENT)).get<{ actsFor: unknown }>('/auth/me');
  expect(pat.actsFor).toBeNull();
});

test("another client's visit is not found for the family member, by page and by API", async ({ page, request }) => {
  const supervisor = await apiAs(request, SUPERVISOR);
  const pat = await (await apiAs(request, CLIENT)).get<{ id: string }>('/auth/me');
  const clients = await supervisor.get<{ id: string }[]>('/users?role=CLIENT&limit=100');
  const other = clients.find((user) => user.id !== pat.id);
  expect(other, "the supervisor's team has another client").toBeTruthy();
  const start = new Date(Date.now() + 95 * 86_400_000 + Math.floor(Math.random() * 1000) * 60_000);
  const theirs = await call<PortalVisit>(
    supervisor,
    'POST',
    '/visits',
    {
      clientId: other!.id,
      scheduledStart: start.toISOString(),
      scheduledEnd: new Date(start.getTime() + 3_600_000).toISOString(),
      serviceType: 'COMPANION',
    },
    201,
  );

  const family = await apiAs(request, FAMILY);
  const answer = await family.send('POST', `/visits/${theirs.id}/confirm`, {});
  expect(answer.status).toBe(404);

  await signIn(page, FAMILY);
  await expect(page.getByRole('region', { name: 'Acting for Pat Taylor' })).toBeVisible();
  await page.goto(`/visits/${theirs.id}`);
  await expect(page.getByText(/not found|could not find/i).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Confirm I will be home' })).toHaveCount(0);
});

test('the family member’s home shows the visit change live when the worker checks in', async ({
  page,
  request,
}, testInfo) => {
  // A client, worker and family member of this journey's own: no other journey checks the visit in first.
  const [person, carer, relative] = await Promise.all([
    createAccountUser(request, 'CLIENT'),
    createAccountUser(request, 'WORKER'),
    createAccountUser(request, 'CLIENT'),
  ]);
  const supervisor = await apiAs(request, SUPERVISOR);
  const start = new Date(Date.now() + 2 * 3_600_000);
  const visit = await call<PortalVisit>(
    supervisor,
    'POST',
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
  const admin = await apiAs(request, ADMIN);
  await call(admin, 'POST', `/users/${person.id}/family-members`, { userId: relative.id, relationship: 'Son' }, 201);

  const live = whenLive(page);
  await signInAs(page, relative);
  await live;
  await expect(page.getByRole('region', { name: `Acting for ${person.firstName} ${person.lastName}` })).toBeVisible();
  const card = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Your next visit' }) });
  await expect(card.getByText(`${carer.firstName} ${carer.lastName} is coming`)).toBeVisible();
  await expect(card.getByText('This page updates by itself.')).toBeVisible();
  await expect(card.getByTestId('next-visit-status')).not.toContainText('Happening now');

  const login = await request.post(`${API_URL}/auth/login`, {
    data: { email: carer.email, password: carer.password, tokenDelivery: 'body' },
  });
  const headers = { authorization: `Bearer ${(await login.json()).data.accessToken}` };
  const checkIn = await request.post(`${API_URL}/visits/${visit.id}/checkin`, { headers, data: PAT_HOME });
  expect(checkIn.status(), await checkIn.text()).toBe(200);

  // No reload: the live event reaches the family member's socket and refreshes the card.
  await expect(card.getByTestId('next-visit-status')).toContainText('Happening now');
  await expect(card.getByTestId('next-visit-status')).toContainText(`${carer.firstName} ${carer.lastName} arrived at`);
  await page.screenshot({ path: testInfo.outputPath(`family-live-${page.viewportSize()?.width}.png`) });
});
