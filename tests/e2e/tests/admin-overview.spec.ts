import { randomBytes } from 'node:crypto';
import { adminOnly, apiAs, SUPERVISOR, WORKER } from './admin-helpers';
import { expect, signIn, test } from './fixtures';

adminOnly();

test('a supervisor sees an emergency raised through the API arrive live on the overview and acknowledges it', async ({
  page,
  request,
}) => {
  const worker = await apiAs(request, WORKER);
  const supervisor = await apiAs(request, SUPERVISOR);
  const visits =
    await worker.get<{ id: string; client: { firstName: string; lastName: string } }[]>('/visits?limit=100');
  expect(visits.length).toBeGreaterThan(0);
  // A visit with no open alert, so the press starts a new one rather than joining another test's.
  const open = await supervisor.get<{ visitId: string | null }[]>('/emergencies?status=OPEN&limit=100');
  const visit = visits.find((v) => !open.some((alert) => alert.visitId === v.id))!;
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
