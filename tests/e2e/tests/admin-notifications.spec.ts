import { randomBytes } from 'node:crypto';
import { type ApiAs, apiAs, expectNavBadge, openFromNav, SUPERVISOR, WORKER } from './admin-helpers';
import { expect, expectNoAxeViolations, test } from './fixtures';

// Notifications in the admin dashboard, against the real API: a worker raises an emergency, the
// supervisor's notification arrives live in plain words with the unread badge, opens the
// emergency, and marking read clears the badge; the same notification reads in Spanish.

const unreadOf = (api: ApiAs) => async () => (await api.get<{ unread: number }>('/notifications/unread-count')).unread;

test('an emergency raised by a worker reaches the supervisor live, in plain words, and opens the emergency', async ({
  page,
  context,
  request,
  app,
}) => {
  test.setTimeout(120_000);
  const worker = await apiAs(request, WORKER);
  const supervisor = await apiAs(request, SUPERVISOR);
  const visits =
    await worker.get<{ id: string; client: { firstName: string; lastName: string } }[]>('/visits?limit=100');
  // A visit with no unresolved alert (an acknowledged one is joined too), so the press starts a new
  // one rather than joining another test's; not Pat's, whose portal journey raises and awaits its own.
  // (This journey takes the last such visit, the overview journey the first.)
  const alerts = await supervisor.get<{ visitId: string | null; status: string }[]>('/emergencies?limit=100');
  const unresolved = alerts.filter((alert) => alert.status !== 'RESOLVED');
  const visit = visits.findLast(
    (v) => v.client.firstName !== 'Pat' && !unresolved.some((alert) => alert.visitId === v.id),
  )!;
  const client = `${visit.client.firstName} ${visit.client.lastName}`;

  await openFromNav(page, SUPERVISOR, 'Notifications');

  const message = `Dizzy after lunch ${randomBytes(3).toString('hex')}`;
  const raised = await worker.send('POST', '/emergencies', { visitId: visit.id, message });
  expect(raised.status, JSON.stringify(raised.body)).toBe(201);
  const alertId = raised.body!.data!.id!;

  try {
    // Live: no reload. Worded from its key: the client's and the worker's names, no codes.
    const notice = page.getByRole('link', { name: new RegExp(`^Emergency: ${client}`) }).first();
    await expect(notice).toBeVisible({ timeout: 15_000 });
    await expect(notice).toContainText(
      new RegExp(
        `Jordan Lee raised an emergency alert during a visit with ${client} at .+\\. Open it to acknowledge\\.`,
      ),
    );
    await expect(notice).toContainText('New');
    await expect(notice).toContainText('Urgent');
    await expect(notice).not.toContainText(/EMERGENCY|emergency_alert|UTC/);
    await expectNavBadge(page, 'Notifications', unreadOf(supervisor));
    await expectNoAxeViolations(page);
    await page.screenshot({ path: test.info().outputPath('notifications-desktop.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: test.info().outputPath('notifications-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    // Spanish: the same notification worded in the reader's language.
    await context.addCookies([{ name: 'NEXT_LOCALE', value: 'es', url: app.url }]);
    await page.reload();
    const aviso = page.getByRole('link', { name: new RegExp(`^Emergencia: ${client}`) }).first();
    await expect(aviso).toContainText(
      new RegExp(
        `Jordan Lee lanzó una alerta de emergencia durante una visita con ${client} el .+\\. Ábrala para atenderla\\.`,
      ),
    );
    await expect(aviso).toContainText('Nuevo');
    await expect(page.getByRole('heading', { level: 1, name: 'Avisos' })).toBeVisible();
    await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: app.url }]);
    await page.reload();

    // Opening it leads to the emergency, and it is read.
    await page
      .getByRole('link', { name: new RegExp(`^Emergency: ${client}`) })
      .first()
      .click();
    await expect(page).toHaveURL(new RegExp(`/emergencies/${alertId}$`));
    await expect(page.getByTestId('timeline')).toContainText('The alarm was raised');
    const readAt = async () =>
      (await supervisor.get<Array<{ entityId: string | null; readAt: string | null }>>('/notifications?limit=50')).find(
        (n) => n.entityId === alertId,
      )?.readAt ?? null;
    await expect.poll(readAt).not.toBeNull();
    await page.goBack();
    await expect(page.getByRole('link', { name: new RegExp(`^Emergency: ${client}`) }).first()).not.toContainText(
      'New',
    );

    // Mark all as read: the badge goes.
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await expect(page.getByText('All read')).toBeVisible();
    await expectNavBadge(page, 'Notifications', unreadOf(supervisor));
    await expect(page.getByRole('button', { name: 'Mark all as read' })).toHaveCount(0);
  } finally {
    // Tidy up: an open alert would escalate and page others, and an unresolved one is joined by others' presses.
    await supervisor.send('POST', `/emergencies/${alertId}/ack`, {});
    await supervisor.send('POST', `/emergencies/${alertId}/resolve`, { note: 'Test finished.' });
  }
});
