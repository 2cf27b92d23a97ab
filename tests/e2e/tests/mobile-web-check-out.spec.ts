import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIRequestContext, Page } from '@playwright/test';
import { API_URL } from './account-helpers';
import { expect, expectNoAxeViolations, signIn, test } from './fixtures';
import {
  apiGet,
  bearer,
  bookOwnVisit,
  checkIn,
  expectAuditedOnce,
  expectCostBookedOnce,
  standAtHome,
  supervisorToken,
  upcomingVisits,
  type Visit,
  WORKER,
} from './mobile-web-helpers';

// The end of a visit on a phone, against the real API: an as-needed dose given with its reason, a
// photo from the camera (compressed on the device), the summary naming what is missing, the
// client's rating and signature drawn on screen, a follow-up flag; the API then holds all of it.
// And the same with the signal lost after the check-in: everything waits on the phone through a
// reload and a browser restart, and reaches the API once (check-out, cost, dose, photo, audit).

test.use({ viewport: { width: 390, height: 844 } });

interface Medications {
  due: Array<{ medicationId: string; name: string; scheduledFor: string }>;
  prn: Array<{ medicationId: string; name: string }>;
  records: Array<{ medicationId: string; prnReason: string | null; scheduledFor: string | null }>;
}

const PHOTO = fileURLToPath(new URL('../../../apps/mobile-web/public/icons/icon-512.png', import.meta.url));

/**
 * A visit of the week no other journey takes (the visit-day journey takes the first with a dose,
 * the emergency journey the middle one, the offline and office journeys the last three; each
 * client's next visit is left to the client portal's journeys), with tasks and a care plan.
 */
async function spareVisits(request: APIRequestContext, token: string) {
  const upcoming = (await upcomingVisits(request, token)) as Array<Visit & { carePlanId: string | null }>;
  const middle = upcoming[Math.floor(upcoming.length / 2)]?.id;
  let firstWithDose: string | undefined;
  for (const visit of upcoming.slice(0, -1)) {
    const meds = await apiGet<Medications>(request, token, `/visits/${visit.id}/medications`);
    if (meds.due.length > 0 && visit.plannedActivities.length > 0) {
      firstWithDose = visit.id;
      break;
    }
  }
  const next = clientsNext(upcoming);
  const spare = upcoming
    .slice(0, -3)
    .reverse()
    .filter((v) => v.id !== middle && v.id !== firstWithDose && !next.has(v.id));
  return { checkOut: spare.find((v) => v.carePlanId && v.plannedActivities.length > 1) };
}

/** Each client's next visit (ids): the client portal's journeys watch it. */
function clientsNext(upcoming: Visit[]): Set<string> {
  const seen = new Map<string, string>();
  for (const visit of upcoming) if (!seen.has(visit.clientId)) seen.set(visit.clientId, visit.id);
  return new Set(seen.values());
}

/**
 * The client's plan gets an as-needed medication of its own (uniquely named) unless it has one.
 * Two journeys may do it for the same client at once: the one whose edit is refused as stale (409)
 * reads the plan again and finds the other's.
 */
async function withPrnMedication(request: APIRequestContext, visit: Visit & { carePlanId: string | null }) {
  const supervisor = await supervisorToken(request);
  const headers = { authorization: `Bearer ${supervisor}` };
  for (let attempt = 0; attempt < 3; attempt++) {
    const plan = await apiGet<{ version: number; medications: Array<Record<string, unknown> & { prn: boolean }> }>(
      request,
      supervisor,
      `/careplans/${visit.carePlanId}`,
    );
    if (plan.medications.some((m) => m.prn)) return;
    const keep = plan.medications.map(({ id, name, dose, route, times, prn, prnIndication, instructions }) => ({
      id,
      name,
      dose,
      route,
      times,
      prn,
      ...(prnIndication ? { prnIndication } : {}),
      ...(instructions ? { instructions } : {}),
    }));
    const added = {
      name: `Journey paracetamol ${randomBytes(3).toString('hex')}`,
      dose: '500 mg',
      route: 'ORAL',
      times: [],
      prn: true,
      prnIndication: 'Pain above 4 out of 10',
    };
    const answer = await request.put(`${API_URL}/careplans/${visit.carePlanId}`, {
      headers,
      data: {
        version: plan.version,
        medications: [...keep, added],
        changeSummary: 'Journey test: as-needed medication',
      },
    });
    if (answer.status() === 409) continue;
    expect(answer.status(), await answer.text()).toBe(200);
    return;
  }
  throw new Error('the care plan kept changing under the journey');
}

async function drawSignature(page: Page) {
  const pad = page.getByTestId('signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let step = 1; step <= 12; step++) {
    await page.mouse.move(box.x + 30 + step * 20, box.y + box.height * (step % 2 ? 0.3 : 0.7), { steps: 3 });
  }
  await page.mouse.up();
}

test('check-out: a PRN dose with its reason, a photo, the summary, satisfaction, signature and follow-up reach the API', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(120_000);
  const token = await bearer(request, WORKER.email);
  const visit = (await spareVisits(request, token)).checkOut as (Visit & { carePlanId: string }) | undefined;
  expect(visit, 'a spare visit of the week with a care plan').toBeDefined();
  if (!visit) return;
  await withPrnMedication(request, visit);
  const meds = await apiGet<Medications>(request, token, `/visits/${visit.id}/medications`);
  const prn = meds.prn[0]!;
  await standAtHome(context, visit);

  await signIn(page, WORKER);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Jordan');
  await page.goto(`/visits/${visit.id}`);
  await expect(page.getByRole('heading', { name: 'Client briefing' })).toBeVisible();
  await checkIn(page);
  await expect(page.getByRole('heading', { name: 'Tasks' })).toBeVisible();
  await expect(page.getByText(/change waiting to be sent/)).toBeHidden({ timeout: 15_000 });

  // The as-needed dose: a reason is asked for before it is recorded.
  await page.getByRole('button', { name: `Give ${prn.name}` }).click();
  await page.getByRole('button', { name: `Record ${prn.name} given` }).click();
  await expect(page.getByText('Say why you are giving this dose.')).toBeVisible();
  await page.getByLabel(`Why are you giving ${prn.name}?`).fill('Journey test: client asked, pain 5/10');
  await page.getByRole('button', { name: `Record ${prn.name} given` }).click();
  await expect(page.getByText(/Given at .*: Journey test: client asked, pain 5\/10/)).toBeVisible({ timeout: 15_000 });

  // Every due dose given, so the check-out is not blocked.
  for (const dose of meds.due) {
    const group = page.getByRole('radiogroup', { name: new RegExp(`^${dose.name}`) }).first();
    await group.getByText('Given', { exact: true }).click();
    await page
      .getByRole('button', { name: `Save ${dose.name}` })
      .first()
      .click();
  }
  await expect(page.getByText('Record every due dose before you check out')).toBeHidden({ timeout: 15_000 });

  // A photo from the camera input: made smaller on the phone, then saved with the visit.
  await page.getByLabel('Take a photo').setInputFiles(PHOTO);
  await expect(page.getByText(/1 photo saved with this visit, the last at/)).toBeVisible({ timeout: 20_000 });

  // Only the first task marked: the summary names the others as having no outcome.
  await page.getByText('Done', { exact: true }).first().click();
  const summary = page.getByRole('list', { name: 'What you recorded' });
  await expect(summary.getByText('no outcome yet')).toHaveCount(visit.plannedActivities.length - 1);
  await expect(summary).toContainText('1 photo.');
  await expect(summary).toContainText('No readings taken.');

  await page.getByText('Happy', { exact: true }).click();
  await drawSignature(page);
  await expect(page.getByText('Signature saved on this phone.')).toBeVisible();
  await page.getByText('The office should follow up on this visit').click();
  await page
    .getByLabel('What should the office follow up on?')
    .fill('Journey test: grab rail in the bathroom is loose');
  await expectNoAxeViolations(page);

  // The signature is kept through a reload (the draft lives on the phone).
  await page.reload();
  await expect(page.getByText('Signature saved on this phone.')).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Happy', exact: true })).toBeChecked();

  await page.getByRole('button', { name: 'Check out', exact: true }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Check out with tasks not marked?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Check out' }).click();
  await expect(page.getByText('Visit done')).toBeVisible();
  await expect(page.getByText(/change waiting to be sent/)).toBeHidden({ timeout: 15_000 });

  const supervisor = await supervisorToken(request);
  await expect
    .poll(async () => (await apiGet<Visit>(request, supervisor, `/visits/${visit.id}`)).status)
    .toBe('COMPLETED');
  const stored = await apiGet<
    Visit & {
      clientSatisfaction: number | null;
      clientSignature: string | null;
      followUpRequired: boolean;
      followUpNote: string | null;
    }
  >(request, supervisor, `/visits/${visit.id}`);
  expect(stored.clientSatisfaction).toBe(4);
  expect(stored.clientSignature).toMatch(/^data:image\/(png|svg\+xml);base64,/);
  expect(stored.followUpRequired).toBe(true);
  expect(stored.followUpNote).toBe('Journey test: grab rail in the bathroom is loose');
  const records = await apiGet<Medications>(request, supervisor, `/visits/${visit.id}/medications`);
  expect(records.records.filter((r) => r.medicationId === prn.medicationId && r.scheduledFor === null)).toEqual([
    expect.objectContaining({ prnReason: 'Journey test: client asked, pain 5/10' }),
  ]);
  const files = await apiGet<Array<{ mimeType: string; sizeBytes: number; category: string }>>(
    request,
    supervisor,
    `/files?entityType=VISIT&entityId=${visit.id}`,
  );
  expect(files).toEqual([expect.objectContaining({ mimeType: 'image/jpeg', category: 'visit-photo' })]);
});

test('signal lost after the check-in: tasks, doses, a photo and the check-out wait through a reload and a browser restart, then reach the API once', async ({
  playwright,
  launchOptions,
  app,
  request,
}) => {
  test.setTimeout(180_000);
  const token = await bearer(request, WORKER.email);
  const visit = await bookOwnVisit(request, token, 1, 23);
  await withPrnMedication(request, visit as Visit & { carePlanId: string | null });
  const meds = await apiGet<Medications>(request, token, `/visits/${visit.id}/medications`);
  const prn = meds.prn[0]!;
  // A browser profile on disk: closing it and launching it again is a browser restart on the same storage.
  const profile = mkdtempSync(path.join(tmpdir(), 'caretracker-photo-'));
  const launch = (offline: boolean) =>
    playwright.chromium.launchPersistentContext(profile, {
      ...launchOptions,
      baseURL: app.url,
      viewport: { width: 390, height: 844 },
      offline,
    });
  const waitingCount = /\d+ changes waiting to be sent/;
  try {
    const first = await launch(false);
    await standAtHome(first, visit);
    const page = first.pages()[0] ?? (await first.newPage());
    await signIn(page, WORKER);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Jordan');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.goto(`/visits/${visit.id}`);
    await expect(page.getByRole('heading', { name: 'Client briefing' })).toBeVisible();
    await checkIn(page);
    await expect(page.getByRole('heading', { name: 'Tasks' })).toBeVisible();
    await expect(page.getByText(/change waiting to be sent/)).toBeHidden({ timeout: 15_000 });
    const checkedIn = Date.now();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await page.waitForTimeout(1_500); // the read cache is written at most once a second

    // No signal from here: every step waits in the outbox, in order.
    await first.setOffline(true);
    await page.getByText('Done', { exact: true }).first().click();
    for (const dose of meds.due) {
      const group = page.getByRole('radiogroup', { name: new RegExp(`^${dose.name}`) }).first();
      await group.getByText('Given', { exact: true }).click();
      await page
        .getByRole('button', { name: `Save ${dose.name}` })
        .first()
        .click();
    }
    await expect(page.getByText('Record every due dose before you check out')).toBeHidden();
    await page.getByRole('button', { name: `Give ${prn.name}` }).click();
    await page.getByLabel(`Why are you giving ${prn.name}?`).fill('Journey test: offline, pain 6/10');
    await page.getByRole('button', { name: `Record ${prn.name} given` }).click();
    await page.getByLabel('Take a photo').setInputFiles(PHOTO);
    const waitingPhoto = page.getByText('1 photo waiting to be sent', { exact: false });
    await expect(waitingPhoto).toBeVisible({ timeout: 20_000 });
    await expectNoAxeViolations(page);
    await page.getByRole('heading', { name: 'Photos' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('photo-waiting-phone.png') });

    await page.getByText('Happy', { exact: true }).click();
    await page.getByRole('button', { name: 'Check out', exact: true }).click();
    const confirm = page.getByRole('alertdialog');
    const waiting = page.getByRole('status').filter({ hasText: waitingCount });
    const checkOutQueued = waiting.getByRole('listitem').filter({ hasText: /^Check-out · / });
    await expect(confirm.or(checkOutQueued).first()).toBeVisible();
    if (await confirm.isVisible()) await confirm.getByRole('button', { name: 'Check out' }).click();
    await expect(waiting.getByRole('listitem').last()).toHaveText(/^Check-out · /);
    await expect(waiting.getByRole('listitem').filter({ hasText: /^Photo · / })).toHaveCount(1);
    await expect(waiting.getByRole('listitem').filter({ hasText: /^As-needed dose · / })).toHaveCount(1);
    const queued = ((await waiting.textContent()) ?? '').match(/(\d+) changes waiting to be sent/)![0];
    await page.screenshot({ path: test.info().outputPath('checked-out-offline-phone.png') });

    await page.reload();
    await expect(page.getByText(queued)).toBeVisible();
    await first.close();

    // The browser is started again, still without signal: the queue (and the photo's bytes) are still there.
    const second = await launch(true);
    const again = second.pages()[0] ?? (await second.newPage());
    await again.goto(`/visits/${visit.id}`);
    const stillWaiting = again.getByRole('status').filter({ hasText: queued });
    await expect(stillWaiting).toBeVisible();
    await expect(stillWaiting.getByRole('listitem').filter({ hasText: /^Photo · / })).toHaveCount(1);
    await expect(stillWaiting.getByRole('listitem').last()).toHaveText(/^Check-out · /);

    // The check-out counts when it reaches the API: a visit of at least a minute and a half bills
    // minutes, so it has a cost to book.
    await again.waitForTimeout(Math.max(0, checkedIn + 90_000 - Date.now()));
    await second.setOffline(false);
    await expect(again.getByText(/change(s)? waiting to be sent/)).toBeHidden({ timeout: 30_000 });
    await second.close();
  } finally {
    // Chromium may still be writing its profile as it closes.
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }

  // Everything arrived exactly once: the check-out, its cost, each dose, the photo (made smaller
  // on the phone: a JPEG), each with one audit row.
  const supervisor = await supervisorToken(request);
  const stored = await apiGet<Visit & { clientSatisfaction: number | null }>(
    request,
    supervisor,
    `/visits/${visit.id}`,
  );
  expect(stored.status).toBe('COMPLETED');
  expect(stored.clientSatisfaction).toBe(4);
  expect(stored.performedActivities.filter((a) => a.status === 'DONE').length).toBeGreaterThanOrEqual(1);
  await expectAuditedOnce(request, supervisor, visit.id, 'VISIT_CHECKED_IN');
  await expectAuditedOnce(request, supervisor, visit.id, 'VISIT_CHECKED_OUT');
  expect(await expectCostBookedOnce(request, supervisor, visit.id), 'a cost booked').toBeGreaterThan(0);
  const records = await apiGet<Medications>(request, supervisor, `/visits/${visit.id}/medications`);
  for (const dose of meds.due) {
    expect(
      records.records.filter((r) => r.medicationId === dose.medicationId && r.scheduledFor === dose.scheduledFor),
    ).toHaveLength(1);
  }
  expect(records.records.filter((r) => r.medicationId === prn.medicationId && r.scheduledFor === null)).toEqual([
    expect.objectContaining({ prnReason: 'Journey test: offline, pain 6/10' }),
  ]);
  const files = await apiGet<Array<{ id: string; mimeType: string; category: string }>>(
    request,
    supervisor,
    `/files?entityType=VISIT&entityId=${visit.id}`,
  );
  expect(files).toEqual([expect.objectContaining({ mimeType: 'image/jpeg', category: 'visit-photo' })]);
  await expectAuditedOnce(request, supervisor, files[0]!.id, 'FILE_UPLOADED');
});
