import { randomBytes, randomInt } from 'node:crypto';
import { SUPERVISOR } from '../apps-under-test';
import { apiAs } from './admin-helpers';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { CLIENT, type PortalVisit, signInAsClient } from './web-portal-helpers';

// The client asks for a visit of their own: a day, a time of day, a length and a note. The API
// books it without a care worker, for the office to staff.

interface RequestedVisit extends PortalVisit {
  workerId: string | null;
  notes?: string | null;
}

test('the client asks for a visit and the office finds it unassigned at the chosen time', async ({ page, request }) => {
  // A day no other journey books (they use 200–1,900 days out), so the client has no clash.
  const day = new Date(Date.now() + randomInt(2000, 2500) * 86_400_000).toISOString().slice(0, 10);
  const note = `Help with the shopping ${randomBytes(3).toString('hex')}`;
  await signInAsClient(page);
  await page.goto('/visits/request');
  await expect(page.getByRole('heading', { level: 1, name: 'Ask for a visit' })).toBeVisible();

  // No day yet: the form says so in plain words and keeps what was typed.
  await page.getByLabel('Anything we should know? (optional)').fill(note);
  await page.getByRole('button', { name: 'Send my request' }).click();
  await expect(page.getByText('Choose a day from tomorrow on.')).toBeVisible();
  await expect(page.getByLabel('Which day?')).toBeFocused();
  await expectNoAxeViolations(page);

  await page.getByLabel('Which day?').fill(day);
  await page.getByRole('radio', { name: /^Afternoon/ }).click({ force: true });
  await page.getByRole('radio', { name: '2 hours' }).click({ force: true });
  await expect(page.getByLabel('Anything we should know? (optional)')).toHaveValue(note);
  await page.getByRole('button', { name: 'Send my request' }).click();
  await expect(page.getByText('Request sent')).toBeVisible();
  await expect(page.getByText(/We have your request for .+ at 3:00/)).toBeVisible();

  const me = await (await apiAs(request, CLIENT)).get<{ id: string }>('/auth/me');
  const supervisor = await apiAs(request, SUPERVISOR);
  const from = new Date(`${day}T00:00:00Z`).toISOString();
  const to = new Date(Date.parse(from) + 2 * 86_400_000).toISOString();
  const visits = await supervisor.get<RequestedVisit[]>(
    `/visits?clientId=${me.id}&dateFrom=${from}&dateTo=${to}&limit=50`,
  );
  const booked = visits.filter((visit) => visit.notes === note);
  expect(booked, 'exactly one visit was booked from the request').toHaveLength(1);
  const [visit] = booked;
  expect(visit!.workerId).toBeNull();
  expect(Date.parse(visit!.scheduledEnd) - Date.parse(visit!.scheduledStart)).toBe(2 * 3_600_000);
  const localStart = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/Los_Angeles',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(visit!.scheduledStart));
  expect(localStart).toBe('3:00 PM');
});
