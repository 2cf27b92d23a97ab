import { expect, expectNoAxeViolations, signIn, test } from './fixtures';
import {
  apiGet,
  bearer,
  checkIn,
  expectAuditedOnce,
  expectCostBookedOnce,
  openVisitFromToday,
  standAtHome,
  supervisorToken,
  upcomingVisits,
  type Visit,
  WORKER,
} from './mobile-web-helpers';

// The care worker's day on a phone, against the real API: today, a visit's briefing, check-in with
// the device's position, a task and a dose, check-out; the API then holds the completed visit, its
// cost and its audit rows.

test.use({ viewport: { width: 390, height: 844 } });

interface Medications {
  due: Array<{ medicationId: string; name: string; scheduledFor: string; record: unknown }>;
}

test('a worker sees today, opens a visit, checks in at the home, records a task and a dose, checks out', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(90_000);
  const token = await bearer(request, WORKER.email);
  // The first visit of the week with a dose due (the journey records one); the offline journey takes the last.
  let visit: Visit | undefined;
  let due: Medications['due'] = [];
  for (const candidate of (await upcomingVisits(request, token)).slice(0, -1)) {
    const meds = await apiGet<Medications>(request, token, `/visits/${candidate.id}/medications`);
    if (meds.due.length > 0 && candidate.plannedActivities.length > 0) {
      visit = candidate;
      due = meds.due;
      break;
    }
  }
  expect(visit, 'a visit of the week with a dose due').toBeDefined();
  if (!visit) return;
  await standAtHome(context, visit);

  await signIn(page, WORKER);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Jordan');
  await expect(page.getByRole('heading', { level: 2, name: "Today's visits" })).toBeVisible();

  await openVisitFromToday(page, visit);
  // The briefing: safety first, then the way there.
  await expect(page.getByRole('heading', { name: 'Client briefing' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Directions (opens maps)' })).toHaveAttribute('href', /maps/);

  await checkIn(page);
  await expect(page.getByRole('heading', { name: 'Tasks' })).toBeVisible();
  await expect(page.getByText(/change waiting to be sent/)).toBeHidden();

  // The visit under way (tasks, doses, vitals, notes, check-out): no accessibility violations either.
  await expect(page.getByRole('heading', { name: 'Vital signs' })).toBeVisible();
  await expectNoAxeViolations(page);

  // Check-out is blocked while a due dose is unrecorded.
  await expect(page.getByText('Record every due dose before you check out')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Check out', exact: true })).toBeDisabled();

  // One task done (the first radio group of the checklist).
  await page.getByText('Done', { exact: true }).first().click();
  await expect(page.getByRole('radio', { name: 'Done' }).first()).toBeChecked();
  // Every due dose: given.
  for (const dose of due) {
    const group = page.getByRole('radiogroup', { name: new RegExp(`^${dose.name}`) }).first();
    await group.getByText('Given', { exact: true }).click();
    await page
      .getByRole('button', { name: `Save ${dose.name}` })
      .first()
      .click();
  }
  await expect(page.getByText('Record every due dose before you check out')).toBeHidden();
  await page
    .getByLabel("Visit notes (go on the client's record)")
    .fill('Journey test: all well, client in good spirits.');

  // Vitals: an impossible reading blocks check-out, a high one is asked about and flagged.
  await page.getByLabel('Pulse (beats per minute)').fill('720');
  await expect(page.getByText('Check this reading: it must be between 20 and 250 bpm.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Check out', exact: true })).toBeDisabled();
  await page.getByLabel('Pulse (beats per minute)').fill('72');
  await page.getByLabel('Blood pressure, upper (systolic, mmHg)').fill('190');
  await page.getByLabel('Blood pressure, lower (diastolic, mmHg)').fill('85');
  await expect(page.getByText('Outside the usual range: your supervisor will be told.')).toBeVisible();

  const checkOutPressed = Date.now();
  await page.getByRole('button', { name: 'Check out', exact: true }).click();
  await expect(page.getByRole('alertdialog')).toContainText('Outside the usual range, your supervisor will be told');
  const unmarked = page.getByRole('alertdialog');
  await unmarked.getByRole('button', { name: 'Check out' }).click();
  await expect(page.getByText('Visit done')).toBeVisible();
  await expect(page.getByText(/change waiting to be sent/)).toBeHidden({ timeout: 15_000 });

  // The API holds the completed visit with its EVV call, the task and the dose.
  const supervisor = await supervisorToken(request);
  await expect
    .poll(async () => (await apiGet<Visit>(request, supervisor, `/visits/${visit.id}`)).status)
    .toBe('COMPLETED');
  const stored = await apiGet<
    Visit & {
      checkIn: { distanceM: number } | null;
      checkOut: { deviceAt: string | null } | null;
      medicationAdministrations: unknown[];
      vitals: unknown;
    }
  >(request, supervisor, `/visits/${visit.id}`);
  expect(stored.checkIn?.distanceM ?? 0).toBeLessThan(150);
  // The call's device time is when the worker confirmed the check-out (the phone asked for the
  // position then), not the time of a position it already had from the check-in.
  expect(Date.parse(stored.checkOut?.deviceAt ?? '')).toBeGreaterThanOrEqual(checkOutPressed);
  expect(stored.performedActivities.some((a) => a.status === 'DONE')).toBe(true);
  expect(stored.vitals).toMatchObject({ systolic: 190, diastolic: 85, pulse: 72 });
  expect(stored.medicationAdministrations.length).toBeGreaterThanOrEqual(due.length);
  // Its cost against the client's budget (a visit this short bills no minute: none), and the audit
  // trail of the check-in and check-out.
  await expectCostBookedOnce(request, supervisor, visit.id);
  await expectAuditedOnce(request, supervisor, visit.id, 'VISIT_CHECKED_IN');
  await expectAuditedOnce(request, supervisor, visit.id, 'VISIT_CHECKED_OUT');
});

test("another worker's visit, by URL: a calm not-found page", async ({ page, request }) => {
  const supervisor = await supervisorToken(request);
  const me = await apiGet<{ id: string }>(request, await bearer(request, WORKER.email), '/auth/me');
  const visits = await apiGet<Visit[]>(request, supervisor, '/visits?limit=100');
  const other = visits.find((v) => v.workerId && v.workerId !== me.id);
  expect(other, "a visit of another worker in the supervisor's team").toBeDefined();

  await signIn(page, WORKER);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Jordan');
  await page.goto(`/visits/${other!.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Visit not found');
  await expect(page.getByRole('link', { name: 'Back to today' })).toBeVisible();
  // Not a record id at all: the same calm page.
  await page.goto('/visits/not-a-visit');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Visit not found');
});

test('in Spanish: the day and a visit speak Spanish, with Spanish dates', async ({ page, context, request, app }) => {
  const visit = (await upcomingVisits(request, await bearer(request, WORKER.email)))[0]!;
  await signIn(page, WORKER);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Jordan');
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'es', url: app.url }]);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hola, Jordan');
  await expect(page.getByRole('heading', { level: 2, name: 'Visitas de hoy' })).toBeVisible();
  await expect(page.getByText(/(lunes|martes|miércoles|jueves|viernes|sábado|domingo), \d+ de/)).toBeVisible();
  await page.goto(`/visits/${visit.id}`);
  await expect(page.getByRole('heading', { name: 'Información del cliente' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Registrar entrada', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Emergencia' })).toBeVisible();
});
