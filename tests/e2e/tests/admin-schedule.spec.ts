import { ADMIN, adminOnly, apiAs, WORKER } from './admin-helpers';
import { expect, signIn, test } from './fixtures';

adminOnly();

const AGENCY_ZONE = 'America/Los_Angeles';
const dayIn = (instant: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: AGENCY_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );

test('moving a visit onto a worker who is already booked shows the clash in plain words and changes nothing', async ({
  page,
  request,
}) => {
  const admin = await apiAs(request, ADMIN);
  const [worker] = await admin.get<{ id: string; firstName: string; lastName: string }[]>(
    `/users?role=WORKER&search=${encodeURIComponent(WORKER.email)}`,
  );
  const clients = await admin.get<{ id: string; firstName: string; lastName: string }[]>('/users?role=CLIENT&limit=2');
  expect(worker).toBeDefined();
  expect(clients.length).toBe(2);
  const [booked, open] = clients as [(typeof clients)[0], (typeof clients)[0]];

  // A night three weeks ahead (10:00 UTC is 02:00 or 03:00 in the agency's zone), when nobody works:
  // the worker's visit there, and an open one overlapping it.
  const day = new Date(Date.now() + 21 * 86_400_000);
  day.setUTCHours(10, 0, 0, 0);
  const at = (minutes: number) => new Date(day.getTime() + minutes * 60_000).toISOString();
  const first = await admin.send('POST', '/visits', {
    clientId: booked.id,
    workerId: worker!.id,
    scheduledStart: at(0),
    scheduledEnd: at(60),
  });
  expect(first.status, JSON.stringify(first.body)).toBe(201);
  const second = await admin.send('POST', '/visits', {
    clientId: open.id,
    scheduledStart: at(30),
    scheduledEnd: at(90),
  });
  expect(second.status, JSON.stringify(second.body)).toBe(201);
  const openId = second.body?.data?.id as string;

  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: 'Agency overview' })).toBeVisible();
  await page.goto(`/schedule?from=${dayIn(day)}&view=day`);
  await expect(page.getByRole('heading', { level: 1, name: 'Schedule' })).toBeVisible();
  const chip = page.getByTestId('lane-unassigned').locator(`[data-visit-id="${openId}"]`);
  await expect(chip).toBeVisible();

  // The keyboard way: the visit's button opens the move dialog.
  await chip.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: `Visit with ${open.firstName} ${open.lastName}` })).toBeVisible();
  await dialog.getByRole('button', { name: /Care worker/ }).click();
  await page.getByRole('option', { name: 'Jordan Lee' }).click();
  await dialog.getByRole('button', { name: 'Move the visit' }).click();

  await expect(dialog.getByRole('alert')).toContainText(
    `Not moved: Jordan Lee already has a visit with ${booked.firstName} ${booked.lastName} on`,
  );
  const after = await admin.get<{ workerId: string | null; scheduledStart: string }>(`/visits/${openId}`);
  expect(after.workerId).toBeNull();
  expect(after.scheduledStart).toBe(at(30));
});
