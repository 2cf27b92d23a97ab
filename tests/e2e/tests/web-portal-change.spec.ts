import { randomBytes } from 'node:crypto';
import { SUPERVISOR } from '../apps-under-test';
import { apiAs } from './admin-helpers';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { bookForClient, type PortalVisit, signInAsClient } from './web-portal-helpers';

// The client asks for a different time on an upcoming visit, with a note: the supervisor is told
// (their notifications), and the visit stays as it was until the office moves it.

interface Notification {
  title: string;
  body: string;
  messageKey: string | null;
  messageParams: Record<string, string | number> | null;
  entityId: string | null;
}

test('the client asks for a different time on an upcoming visit and the supervisor is told', async ({
  page,
  request,
}) => {
  const visit = await bookForClient(request);
  const note = `My daughter is visiting that morning ${randomBytes(3).toString('hex')}`;
  await signInAsClient(page);
  await page.goto(`/visits/${visit.id}`);
  await expect(page.getByText('Need a different time? Ask here')).toBeVisible();
  await page.getByRole('button', { name: 'Ask for a different time' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ask for a different time' });

  // A day and a note are asked for.
  await dialog.getByRole('button', { name: 'Send the request' }).click();
  await expect(dialog.getByText('Choose a day from tomorrow on.')).toBeVisible();
  await expect(dialog.getByText('Please add a short note for the office.')).toBeVisible();
  await expectNoAxeViolations(page);

  const day = new Date(Date.parse(visit.scheduledStart) + 2 * 86_400_000).toISOString().slice(0, 10);
  await dialog.getByLabel('New day').fill(day);
  await dialog.getByText(/^Afternoon, from/).click();
  await expect(dialog.getByRole('radio', { name: /^Afternoon/ })).toBeChecked();
  await dialog.getByLabel('Note for the office').fill(note);
  await dialog.getByRole('button', { name: 'Send the request' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/Your request was sent\. The office will be in touch about .+ at 3:00/)).toBeVisible();

  const supervisor = await apiAs(request, SUPERVISOR);
  const inbox = await supervisor.get<Notification[]>('/notifications?limit=50');
  // The note travels in the message's values (the apps show it); the stored English text, which
  // email uses too, carries no free text.
  const told = inbox.find(
    (item) =>
      item.entityId === visit.id && item.messageKey === 'visitChangeRequested' && item.messageParams?.note === note,
  );
  expect(told, 'the supervisor has the request with its note').toBeTruthy();
  expect(told!.title).toBe('Change to a visit requested');
  // The visit itself is unchanged until the office acts.
  expect((await supervisor.get<PortalVisit>(`/visits/${visit.id}`)).scheduledStart).toBe(visit.scheduledStart);
});
