import type { Page } from '@playwright/test';
import { ADMIN, type ApiAs, apiAs, apiFromPage, SUPERVISOR } from './admin-helpers';
import { expect, signIn, test } from './fixtures';

const AGENCY_ZONE = 'America/Los_Angeles';
const DAY_MS = 86_400_000;
interface Person {
  id: string;
  firstName: string;
  lastName: string;
}

/** The instant of a wall-clock hour on a day in the agency's zone (its offset is −7 or −8 hours). */
function agencyTime(day: string, hour: number): Date {
  for (const offset of [7, 8]) {
    const instant = new Date(`${day}T${String(hour + offset).padStart(2, '0')}:00:00Z`);
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: AGENCY_ZONE, hour: '2-digit', hourCycle: 'h23' });
    if (Number(local.format(instant)) === hour) return instant;
  }
  throw new Error(`no ${hour}:00 on ${day} in ${AGENCY_ZONE}`);
}
const dayPlus = (day: string, days: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * A client, a Tuesday weeks ahead and a worker the API offers for 09:00–10:00 there on that Tuesday,
 * the one before and the two after (so a weekly series from either Tuesday is free on its first day).
 */
async function freeSlot(api: ApiAs) {
  const clients = await api.get<Person[]>('/users?role=CLIENT&isActive=true&limit=20');
  const base = new Date(Date.now() + (35 + Math.floor(Math.random() * 120)) * DAY_MS);
  while (base.getUTCDay() !== 2) base.setUTCDate(base.getUTCDate() + 1);
  const day = base.toISOString().slice(0, 10);
  for (const client of clients) {
    let common: Map<string, Person> | null = null;
    for (const shift of [-7, 0, 7, 14]) {
      const from = agencyTime(dayPlus(day, shift), 9);
      const to = new Date(from.getTime() + 3_600_000);
      const offered = await api.get<Person[]>(
        `/workers/available?clientId=${client.id}&from=${from.toISOString()}&to=${to.toISOString()}`,
      );
      const ids = new Set(offered.map((worker) => worker.id));
      common = new Map(
        (common ? [...common.values()] : offered).filter((worker) => ids.has(worker.id)).map((w) => [w.id, w]),
      );
    }
    const worker = common && [...common.values()][0];
    if (worker) return { client, worker, day };
  }
  throw new Error('no worker is offered for any client at 09:00 on the chosen Tuesdays');
}

async function openSlot(page: Page, day: string, workerId: string) {
  await page.goto(`/schedule?from=${day}&view=day`);
  await expect(page.getByRole('heading', { level: 1, name: 'Schedule' })).toBeVisible();
  await page
    .getByTestId(`lane-${workerId}`)
    .getByRole('button', { name: /^Add a visit:/ })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Add a visit' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('an admin books a weekly series from a slot of the board, offered the free workers; a clashing series books nothing', async ({
  page,
}) => {
  test.slow(); // the slot search asks the API for several weeks, and the admin's sign-in waits for a fresh code
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: 'Agency overview' })).toBeVisible();
  const admin = apiFromPage(page);
  const { client, worker, day } = await freeSlot(admin);
  const clientName = `${client.firstName} ${client.lastName}`;
  const workerName = `${worker.firstName} ${worker.lastName}`;

  let dialog = await openSlot(page, day, worker.id);
  await expect(dialog.getByText('Choose the client and the time to see who is free.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Book the visit' }).click();
  await expect(dialog.getByText('Choose the client.')).toBeVisible();
  await dialog.getByRole('combobox', { name: 'Client' }).fill(client.lastName);
  await page.getByRole('option', { name: clientName }).click();
  // The slot's worker is free there with the client's skills, so the dialog offers and picks them.
  const workerButton = dialog.getByRole('button', { name: /Care worker/ });
  await expect(workerButton).toContainText(workerName);
  await expect(dialog.getByText(/free then with the required skills, nearest first/)).toBeVisible();
  await dialog.getByRole('radio', { name: 'Every week on this day' }).click({ force: true });
  await dialog.getByRole('textbox', { name: 'How many visits' }).fill('3');
  await dialog.getByRole('button', { name: 'Book the series' }).click();
  await expect(page.getByText(`3 visits booked for ${clientName}.`)).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId(`lane-${worker.id}`).getByText(clientName)).toBeVisible();

  const from = agencyTime(day, 0).toISOString();
  const to = agencyTime(dayPlus(day, 15), 0).toISOString();
  const booked = await admin.get<{ workerId: string | null; scheduledStart: string }[]>(
    `/visits?clientId=${client.id}&dateFrom=${from}&dateTo=${to}&limit=50`,
  );
  const mine = booked.filter((visit) => visit.workerId === worker.id);
  expect(mine.map((visit) => visit.scheduledStart).sort()).toEqual(
    [0, 7, 14].map((shift) => agencyTime(dayPlus(day, shift), 9).toISOString()),
  );

  // A series from the Tuesday before: free on its first day, but its next two meet the visits just booked.
  const before = dayPlus(day, -7);
  dialog = await openSlot(page, before, worker.id);
  await dialog.getByRole('combobox', { name: 'Client' }).fill(client.lastName);
  await page.getByRole('option', { name: clientName }).click();
  await expect(dialog.getByRole('button', { name: /Care worker/ })).toContainText(workerName);
  await dialog.getByRole('radio', { name: 'Every week on this day' }).click({ force: true });
  await dialog.getByRole('textbox', { name: 'How many visits' }).fill('3');
  await dialog.getByRole('button', { name: 'Book the series' }).click();
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText("2 visits of the series meet the worker's other visits, so nothing was booked");
  await expect(alert.getByRole('listitem')).toHaveCount(2);
  const after = await admin.get<{ workerId: string | null }[]>(
    `/visits?clientId=${client.id}&dateFrom=${agencyTime(before, 0).toISOString()}&dateTo=${to}&limit=50`,
  );
  expect(after.filter((visit) => visit.workerId === worker.id)).toHaveLength(3);
});

test('a supervisor booking from the board is offered only workers of the team', async ({ page, request }) => {
  test.slow();
  const supervisor = await apiAs(request, SUPERVISOR);
  const team = new Set((await supervisor.get<Person[]>('/users?role=WORKER&limit=100')).map((worker) => worker.id));
  const { client, worker, day } = await freeSlot(supervisor);
  expect(team.has(worker.id)).toBe(true);

  await signIn(page, SUPERVISOR);
  await expect(page.getByRole('heading', { level: 1, name: 'Your team today' })).toBeVisible();
  const dialog = await openSlot(page, day, worker.id);
  await dialog.getByRole('combobox', { name: 'Client' }).fill(client.lastName);
  await page.getByRole('option', { name: `${client.firstName} ${client.lastName}` }).click();
  await dialog.getByRole('button', { name: /Care worker/ }).click();
  const offered = page.getByRole('option');
  await expect(offered.first()).toBeVisible();
  const names = await offered.allTextContents();
  const admin = await apiAs(request, ADMIN);
  const outsiders = (await admin.get<Person[]>('/users?role=WORKER&limit=100')).filter(
    (person) => !team.has(person.id),
  );
  for (const outsider of outsiders) {
    expect(names.some((name) => name.startsWith(`${outsider.firstName} ${outsider.lastName}`))).toBe(false);
  }
});
