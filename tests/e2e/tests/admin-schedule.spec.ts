import { ADMIN, apiAs, apiFromPage, SUPERVISOR, WORKER } from './admin-helpers';
import { expect, signIn, test } from './fixtures';

const AGENCY_ZONE = 'America/Los_Angeles';
const dayIn = (instant: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: AGENCY_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );

test('moving a visit onto a worker who is already booked shows the clash in plain words and changes nothing', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: 'Agency overview' })).toBeVisible();
  const admin = apiFromPage(page);
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

test('cancelling a visit from the board asks for the reason and takes it off the board', async ({ page, request }) => {
  const office = await apiAs(request, SUPERVISOR);
  const [client] =
    await office.get<{ id: string; firstName: string; lastName: string }[]>('/users?role=CLIENT&limit=1');
  const day = new Date(Date.now() + 35 * 86_400_000);
  day.setUTCHours(12, 0, 0, 0);
  const created = await office.send('POST', '/visits', {
    clientId: client!.id,
    scheduledStart: day.toISOString(),
    scheduledEnd: new Date(day.getTime() + 30 * 60_000).toISOString(),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const visitId = created.body?.data?.id as string;

  await signIn(page, SUPERVISOR);
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  await page.goto(`/schedule?from=${dayIn(day)}&view=day`);
  await page.locator(`[data-visit-id="${visitId}"]`).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: /^Visit with/ })).toBeVisible();
  await dialog.getByText('Cancel it', { exact: true }).click();
  await dialog.getByRole('button', { name: 'Cancel the visit', exact: true }).click();
  await expect(dialog.getByText('Give the reason.')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('The client is away with family that week');
  await dialog.getByRole('button', { name: 'Cancel the visit', exact: true }).click();
  await expect(page.getByText(`Visit with ${client!.firstName} ${client!.lastName} cancelled.`)).toBeVisible();
  await expect(page.locator(`[data-visit-id="${visitId}"]`)).toHaveCount(0);

  const after = await office.get<{ status: string; cancellationReason: string }>(`/visits/${visitId}`);
  expect(after).toMatchObject({ status: 'CANCELLED', cancellationReason: 'The client is away with family that week' });
});
