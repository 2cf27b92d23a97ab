import { randomBytes } from 'node:crypto';
import { ADMIN, apiAs, SUPERVISOR, WORKER } from './admin-helpers';
import { expect, signIn, test } from './fixtures';

test('a supervisor sees an emergency raised through the API arrive live on the overview and acknowledges it', async ({
  page,
  request,
}) => {
  const worker = await apiAs(request, WORKER);
  const supervisor = await apiAs(request, SUPERVISOR);
  const visits =
    await worker.get<{ id: string; client: { firstName: string; lastName: string } }[]>('/visits?limit=100');
  expect(visits.length).toBeGreaterThan(0);
  // A visit with no unresolved alert (an acknowledged one is joined too), so the press starts a new
  // one rather than joining another test's; not Pat's, whose portal journey raises and awaits its own.
  // (This journey takes the first such visit, the notifications journey the last.)
  const alerts = await supervisor.get<{ visitId: string | null; status: string }[]>('/emergencies?limit=100');
  const unresolved = alerts.filter((alert) => alert.status !== 'RESOLVED');
  const visit = visits.find(
    (v) => v.client.firstName !== 'Pat' && !unresolved.some((alert) => alert.visitId === v.id),
  )!;
  const client = `${visit.client.firstName} ${visit.client.lastName}`;

  await signIn(page, SUPERVISOR);
  await expect(page.getByRole('heading', { level: 1, name: 'Your team today' })).toBeVisible();
  await expect(page.getByTestId('tile-upcoming')).toBeVisible();
  await expect(page.getByTestId('live-state')).toHaveAttribute('data-state', 'live');

  const message = `Fell in the kitchen ${randomBytes(3).toString('hex')}`;
  const raised = await worker.send('POST', '/emergencies', { visitId: visit.id, message });
  expect(raised.status).toBe(201);
  const alertId = raised.body?.data?.id as string;

  // No reload: the WebSocket event brings it.
  const banner = page.getByTestId('emergency-banner');
  await expect(banner.getByText(message)).toBeVisible({ timeout: 3_000 });
  await expect(banner).toContainText(`${client} — raised by Jordan Lee`);

  await banner
    .getByRole('button', { name: `Acknowledge the emergency for ${client}` })
    .first()
    .click();
  await expect(page.getByText('Emergency acknowledged. Its escalation has stopped.')).toBeVisible();
  await expect(page.getByText(message)).toHaveCount(0);

  const alert = await supervisor.get<{ status: string; timeline: { type: string }[] }>(`/emergencies/${alertId}`);
  expect(alert.status).toBe('ACKNOWLEDGED');
  expect(alert.timeline.map((event) => event.type)).toEqual(expect.arrayContaining(['RAISED', 'ACKNOWLEDGED']));
});

test('the emergency page shows the timeline and resolves an alert with a note', async ({ page, request }) => {
  const worker = await apiAs(request, WORKER);
  const supervisor = await apiAs(request, SUPERVISOR);
  const visits = await worker.get<{ id: string }[]>('/visits?limit=100');
  const alerts = await supervisor.get<{ visitId: string | null; status: string }[]>('/emergencies?limit=100');
  // A visit of the supervisor's team with no unresolved alert (so the press starts a new one).
  let visit: { id: string } | undefined;
  for (const candidate of visits.reverse()) {
    if (alerts.some((alert) => alert.visitId === candidate.id && alert.status !== 'RESOLVED')) continue;
    if ((await supervisor.status(`/visits/${candidate.id}`)) === 200) {
      visit = candidate;
      break;
    }
  }
  expect(visit, "a visit of the supervisor's team").toBeDefined();
  const message = `Smoke in the hallway ${randomBytes(3).toString('hex')}`;
  const raised = await worker.send('POST', '/emergencies', { visitId: visit!.id, message });
  expect(raised.status).toBe(201);
  const alertId = raised.body?.data?.id as string;

  await signIn(page, SUPERVISOR);
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  await page.goto('/emergencies');
  await expect(page.getByRole('heading', { level: 1, name: 'Emergencies' })).toBeVisible();
  const card = page.getByTestId('emergency').filter({ hasText: message });
  await card.getByRole('link').click();
  await expect(page.getByTestId('timeline')).toContainText('The alarm was raised');
  await page.getByRole('button', { name: /^Acknowledge the emergency for/ }).click();
  await expect(page.getByTestId('timeline')).toContainText('Someone acknowledged it');

  // Resolving needs a note: the form says so at the field.
  await page.getByRole('button', { name: 'Resolve the emergency' }).click();
  await expect(page.getByText('Say what was done before you resolve it.')).toBeVisible();
  const note = `Fire service checked, all safe ${randomBytes(3).toString('hex')}`;
  await page.getByRole('textbox', { name: 'What was done' }).fill(note);
  await page.getByRole('button', { name: 'Resolve the emergency' }).click();
  await expect(page.getByText(`Resolved: “${note}”`)).toBeVisible();
  await expect(page.getByTestId('timeline')).toContainText('Resolved');

  const alert = await supervisor.get<{ status: string; resolutionNote: string }>(`/emergencies/${alertId}`);
  expect(alert).toMatchObject({ status: 'RESOLVED', resolutionNote: note });
});

test("a supervisor opening another team's emergency by its address sees the calm not-found page", async ({
  page,
  request,
}) => {
  const admin = await apiAs(request, ADMIN);
  const supervisor = await apiAs(request, SUPERVISOR);
  const from = new Date(Date.now() - 7 * 86_400_000).toISOString();
  const to = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const everyone = await admin.get<{ id: string; worker: { id: string } | null }[]>(
    `/office/visits?from=${from}&to=${to}&limit=100`,
  );
  let outside: { id: string; workerId: string } | undefined;
  for (const visit of everyone) {
    if (visit.worker && (await supervisor.status(`/visits/${visit.id}`)) === 404) {
      outside = { id: visit.id, workerId: visit.worker.id };
      break;
    }
  }
  expect(outside, "a visit of another supervisor's team").toBeDefined();
  const { email, firstName, lastName } = await admin.get<{ email: string; firstName: string; lastName: string }>(
    `/users/${outside!.workerId}`,
  );
  const theirWorker = await apiAs(request, { email, name: `${firstName} ${lastName}`, role: 'WORKER' });
  const raised = await theirWorker.send('POST', '/emergencies', { visitId: outside!.id, message: 'Other team' });
  expect([200, 201]).toContain(raised.status);
  const alertId = raised.body?.data?.id as string;
  expect(await supervisor.status(`/emergencies/${alertId}`)).toBe(404);

  await signIn(page, SUPERVISOR);
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  await page.goto(`/emergencies/${alertId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Emergency not found' })).toBeVisible();
  await expect(page.getByText('This record does not exist, or it is not available to you.')).toBeVisible();
  // Tidy up: the other team's supervisor would otherwise be paged by it.
  await admin.send('POST', `/emergencies/${alertId}/ack`, {});
});
