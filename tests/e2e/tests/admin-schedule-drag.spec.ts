import type { Page } from '@playwright/test';
import { ADMIN, type ApiAs, apiFromPage, WORKER, WORKER_APP_URL } from './admin-helpers';
import { expect, signIn, test } from './fixtures';
import { whenLive } from './mobile-web-helpers';

// Pointer drag and drop on the scheduling board: a card dropped on another worker's row moves the
// visit through the same API as the move dialog; a drop that clashes shows the API's 409 in plain
// words and changes nothing; the care worker's app shows a reassignment live, either way.

const AGENCY_ZONE = 'America/Los_Angeles';
const dayIn = (instant: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: AGENCY_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );

interface Person {
  id: string;
  firstName: string;
  lastName: string;
}

/** A night some weeks ahead (10:00 UTC is 02:00 or 03:00 in the agency's zone), when nobody works. */
function nightAhead(days: number) {
  const day = new Date(Date.now() + days * 86_400_000);
  day.setUTCHours(10, 0, 0, 0);
  return { day, at: (minutes: number) => new Date(day.getTime() + minutes * 60_000).toISOString() };
}

/**
 * A window tall enough for the whole board, so the card and the row it is dropped on are both on
 * screen: by this spec's turn in a full run, other journeys have added a score of care workers and
 * the two rows can be a screen apart (a person's drag scrolls the page at its edge; Playwright's
 * synthetic one does not).
 */
async function showWholeBoard(page: Page) {
  const board = await page.getByRole('table').first().boundingBox();
  expect(board, 'the board is on the page').not.toBeNull();
  const height = Math.min(8_000, Math.ceil(board!.y + board!.height + 80));
  await page.setViewportSize({ width: 1280, height: Math.max(800, height) });
}

async function book(admin: ApiAs, body: Record<string, unknown>) {
  const created = await admin.send('POST', '/visits', body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body?.data?.id as string;
}

async function cast(admin: ApiAs) {
  const [jordan] = await admin.get<Person[]>(`/users?role=WORKER&search=${encodeURIComponent(WORKER.email)}`);
  const workers = await admin.get<Person[]>('/users?role=WORKER&isActive=true&limit=20');
  const other = workers.find((worker) => worker.id !== jordan?.id);
  const clients = await admin.get<Person[]>('/users?role=CLIENT&limit=2');
  expect(jordan).toBeDefined();
  expect(other, 'a second active care worker').toBeDefined();
  expect(clients.length).toBe(2);
  return { jordan: jordan!, other: other!, clients: clients as [Person, Person] };
}

test('dragging a visit onto another care worker’s row reassigns it, and the board shows it there', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: 'Agency overview' })).toBeVisible();
  const admin = apiFromPage(page);
  const { jordan, other, clients } = await cast(admin);
  const { day, at } = nightAhead(23);
  const visitId = await book(admin, {
    clientId: clients[0].id,
    workerId: jordan.id,
    scheduledStart: at(0),
    scheduledEnd: at(45),
  });

  await page.goto(`/schedule?from=${dayIn(day)}&view=day`);
  await expect(page.getByRole('heading', { level: 1, name: 'Schedule' })).toBeVisible();
  const chip = page.getByTestId(`lane-${jordan.id}`).locator(`[data-visit-id="${visitId}"]`);
  await expect(chip).toBeVisible();
  await showWholeBoard(page);

  await chip.dragTo(page.getByTestId(`lane-${other.id}`).locator('td').first());

  await expect(page.getByText(`Visit with ${clients[0].firstName} ${clients[0].lastName} moved.`)).toBeVisible();
  await expect(page.getByTestId(`lane-${other.id}`).locator(`[data-visit-id="${visitId}"]`)).toBeVisible();
  await expect(page.getByTestId(`lane-${jordan.id}`).locator(`[data-visit-id="${visitId}"]`)).toHaveCount(0);
  const after = await admin.get<{ workerId: string | null; scheduledStart: string; scheduledEnd: string }>(
    `/visits/${visitId}`,
  );
  // Same day, same time, same length: only the worker changed.
  expect(after).toMatchObject({ workerId: other.id, scheduledStart: at(0), scheduledEnd: at(45) });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: testInfo.outputPath('board-drag-after-1280.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath('board-drag-after-390.png') });
});

test('dropping a visit where the worker is already booked names the clashing visit and changes nothing', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: 'Agency overview' })).toBeVisible();
  const admin = apiFromPage(page);
  const { jordan, clients } = await cast(admin);
  const [booked, open] = clients;
  const { day, at } = nightAhead(24);
  await book(admin, { clientId: booked.id, workerId: jordan.id, scheduledStart: at(0), scheduledEnd: at(60) });
  const openId = await book(admin, { clientId: open.id, scheduledStart: at(30), scheduledEnd: at(90) });

  await page.goto(`/schedule?from=${dayIn(day)}&view=day`);
  const chip = page.getByTestId('lane-unassigned').locator(`[data-visit-id="${openId}"]`);
  await expect(chip).toBeVisible();
  await showWholeBoard(page);
  await chip.dragTo(page.getByTestId(`lane-${jordan.id}`).locator('td').first());

  const clash = page.getByRole('alert').filter({ hasText: 'Not moved:' });
  await expect(clash).toContainText(
    `Not moved: Jordan Lee already has a visit with ${booked.firstName} ${booked.lastName} on`,
  );
  await expect(clash).toContainText('Choose another time or another care worker.');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: testInfo.outputPath('board-drag-clash-1280.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath('board-drag-clash-390.png') });
  const after = await admin.get<{ workerId: string | null; scheduledStart: string }>(`/visits/${openId}`);
  expect(after.workerId).toBeNull();
  expect(after.scheduledStart).toBe(at(30));
  // Still in its own lane, and the notice goes when dismissed.
  await expect(chip).toBeVisible();
  await clash.getByRole('button', { name: 'Dismiss' }).click();
  await expect(clash).toHaveCount(0);
});

test('a visit reassigned on the board, by drag and by the move dialog, comes and goes live in the care worker’s app', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: 'Agency overview' })).toBeVisible();
  const admin = apiFromPage(page);
  const { jordan, other, clients } = await cast(admin);
  // Within the worker app's week (today and the six days after), at night, when nobody works.
  const { day, at } = nightAhead(3);
  const visitId = await book(admin, { clientId: clients[1].id, scheduledStart: at(17), scheduledEnd: at(47) });

  // Jordan's phone, in a browser of its own, on "This week".
  const phone = await browser.newContext({ baseURL: WORKER_APP_URL, viewport: { width: 390, height: 844 } });
  try {
    const worker = await phone.newPage();
    const live = whenLive(worker);
    await signIn(worker, WORKER);
    await expect(worker.getByRole('heading', { level: 1 })).toHaveText('Welcome, Jordan');
    await worker.getByRole('button', { name: 'This week' }).click();
    await expect(worker.locator('[aria-busy="true"]')).toHaveCount(0);
    const card = worker.locator(`a[href="/visits/${visitId}"]`);
    await expect(card).toHaveCount(0);
    await live;

    // By drag: the open visit onto Jordan's row. It appears on the phone with a notice, unreloaded.
    await page.goto(`/schedule?from=${dayIn(day)}&view=day`);
    await expect(page.getByRole('heading', { level: 1, name: 'Schedule' })).toBeVisible();
    const open = page.getByTestId('lane-unassigned').locator(`[data-visit-id="${visitId}"]`);
    await expect(open).toBeVisible();
    await showWholeBoard(page);
    await open.dragTo(page.getByTestId(`lane-${jordan.id}`).locator('td').first());
    await expect(page.getByText(`Visit with ${clients[1].firstName} ${clients[1].lastName} moved.`)).toBeVisible();
    await expect(worker.getByText('Your schedule changed')).toBeVisible({ timeout: 15_000 });
    await expect(card).toBeVisible();
    await expect(card).toContainText(`${clients[1].firstName} ${clients[1].lastName}`);
    await worker.screenshot({ path: testInfo.outputPath('worker-after-drag-390.png') });

    // By the keyboard: the move dialog gives it to another care worker; it leaves Jordan's week.
    const mine = page.getByTestId(`lane-${jordan.id}`).locator(`[data-visit-id="${visitId}"]`);
    await mine.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await expect(
      dialog.getByRole('heading', { name: `Visit with ${clients[1].firstName} ${clients[1].lastName}` }),
    ).toBeVisible();
    await dialog.getByRole('button', { name: /Care worker/ }).click();
    await page.getByRole('option', { name: `${other.firstName} ${other.lastName}` }).click();
    await dialog.getByRole('button', { name: 'Move the visit' }).click();
    await expect(page.getByTestId(`lane-${other.id}`).locator(`[data-visit-id="${visitId}"]`)).toBeVisible();
    await expect(card).toHaveCount(0, { timeout: 15_000 });
    expect((await admin.get<{ workerId: string | null }>(`/visits/${visitId}`)).workerId).toBe(other.id);
  } finally {
    await phone.close();
  }
});
