import { API_URL } from './account-helpers';
import { expect, signIn, test } from './fixtures';
import { apiGet, bearer, standAtHome, supervisorToken, upcomingVisits, WORKER } from './mobile-web-helpers';

// The emergency button: one tap and a confirmation; the supervisor's list has the alert at once,
// and their acknowledgement shows up on the worker's screen.

test.use({ viewport: { width: 390, height: 844 } });

test('emergency: the alert reaches the supervisor and their acknowledgement shows on the phone', async ({
  page,
  context,
  request,
  app,
}) => {
  test.setTimeout(60_000);
  const token = await bearer(request, WORKER.email);
  const upcoming = await upcomingVisits(request, token);
  // Neither the journey's visit (the first with a dose) nor the offline journey's (the last).
  const visit = upcoming[Math.floor(upcoming.length / 2)]!;
  await standAtHome(context, visit);
  await signIn(page, WORKER);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Jordan');
  await page.goto(`/visits/${visit.id}`);

  await page.getByRole('button', { name: 'Emergency' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Send an emergency alert?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Send alert' }).click();
  await expect(page.getByText(/^Alert received at/)).toBeVisible();

  const supervisor = await supervisorToken(request);
  const open = await apiGet<Array<{ id: string; visitId: string | null }>>(
    request,
    supervisor,
    '/emergencies?status=OPEN',
  );
  const alert = open.find((a) => a.visitId === visit.id);
  expect(alert, "the alert in the supervisor's list").toBeDefined();
  const ack = await request.post(`${API_URL}/emergencies/${alert!.id}/ack`, {
    headers: { authorization: `Bearer ${supervisor}` },
    data: { note: 'On my way' },
  });
  expect(ack.status(), await ack.text()).toBe(200);
  await expect(page.getByText(/^A supervisor answered at/)).toBeVisible({ timeout: 20_000 });

  // The notification opens the visit it is about, with the alert's state on it: also on a phone
  // that did not raise it (nothing of the alert left in this device's storage).
  await page.evaluate(() => window.localStorage.clear());
  await page.goto('/notifications');
  const acknowledged = page.getByRole('listitem').filter({ hasText: 'Emergency alert acknowledged' }).first();
  await acknowledged.getByRole('button', { name: 'Open the emergency' }).click();
  await expect(page).toHaveURL(new RegExp(`/visits/${visit.id}\\?alert=${alert!.id}$`));
  await expect(page.getByText(/^A supervisor answered at/)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `${visit.client.firstName} ${visit.client.lastName}`,
  );

  // The acknowledgement's notification, in Spanish: worded from its key, naming the client.
  const client = `${visit.client.firstName} ${visit.client.lastName}`;
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'es', url: app.url }]);
  await page.goto('/notifications');
  const notice = page.getByRole('listitem').filter({ hasText: 'Alerta de emergencia atendida' }).first();
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(new RegExp(`atendió la alerta de emergencia de ${client}\\.`));
  await page.screenshot({ path: test.info().outputPath('notifications-es-phone.png'), fullPage: true });

  // Leave no unresolved alert behind: another press for this visit would join it.
  const resolved = await request.post(`${API_URL}/emergencies/${alert!.id}/resolve`, {
    headers: { authorization: `Bearer ${supervisor}` },
    data: { note: 'Test finished' },
  });
  expect(resolved.status(), await resolved.text()).toBe(200);
});
