import { randomBytes } from 'node:crypto';
import { ADMIN, apiAs, apiFromPage, SUPERVISOR } from './admin-helpers';
import { expect, signIn, test } from './fixtures';

interface OfficeVisit {
  id: string;
  openExceptions: number;
  client: { firstName: string; lastName: string };
}

test('an admin filters the visit list, opens a visit and resolves its check-in problem with a reason', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: 'Agency overview' })).toBeVisible();
  await page.getByRole('link', { name: 'Visits' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Visits' })).toBeVisible();

  // Filter: only visits whose check-in problems wait for a reason (any date).
  await page.getByRole('button', { name: /Check-in problems/ }).click();
  await page.getByRole('option', { name: 'Waiting for a reason' }).click();
  await expect(page).toHaveURL(/exceptions=open/);
  await expect(page.getByTestId('visit-count')).toContainText('Showing 1–');
  const table = page.getByRole('grid', { name: 'Visits' });
  const rows = table.getByRole('row');
  await expect(rows.nth(1)).toContainText(/check-in problem/);

  // A completed one nobody has reviewed yet, so it can be reviewed too.
  const admin = apiFromPage(page);
  const waiting = await admin.get<{ id: string; status: string; reviewOutcome: string | null }[]>(
    '/office/visits?exceptions=open&limit=25',
  );
  const target = waiting.find((visit) => visit.status === 'COMPLETED' && visit.reviewOutcome === null);
  expect(target, 'a completed, unreviewed visit with a check-in problem').toBeDefined();
  await table.locator(`a[href="/visits/${target!.id}"]`).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Visit with / })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Check-in and check-out' })).toBeVisible();
  await expect(page.getByText("Phone's clock").first()).toBeVisible();
  const visitId = page.url().split('/visits/')[1]!;

  const problem = page.getByTestId('evv-exception').filter({ hasText: 'Waiting for a reason' }).first();
  // Submitting without a reason says what is missing, at the field.
  await problem.getByRole('button', { name: 'Resolve with this reason' }).click();
  await expect(problem.getByText('Choose the reason.')).toBeVisible();

  await problem.getByRole('button', { name: /Reason/ }).click();
  await page.getByRole('option', { name: "The phone's location was inaccurate" }).click();
  const note = `Checked with the worker ${randomBytes(3).toString('hex')}`;
  await problem.getByRole('textbox', { name: 'Note' }).fill(note);
  await problem.getByRole('button', { name: 'Resolve with this reason' }).click();
  await expect(page.getByText('Problem resolved.')).toBeVisible();
  await expect(page.getByText(note)).toBeVisible();

  // Then the supervisor review of the completed visit.
  await page.getByText('Approved: the visit went as planned').click();
  await page.getByRole('button', { name: 'Save the review' }).click();
  await expect(page.getByTestId('visit-review')).toContainText('Approved');

  const visit = await admin.get<{
    review: { outcome: string } | null;
    evvExceptions: { status: string; reasonCode: string | null; note: string | null }[];
  }>(`/visits/${visitId}`);
  expect(visit.evvExceptions).toContainEqual(
    expect.objectContaining({ status: 'RESOLVED', reasonCode: 'GPS_INACCURATE', note }),
  );
  expect(visit.review?.outcome).toBe('APPROVED');
});

test("a supervisor opening another team's visit by its address sees the calm not-found page", async ({
  page,
  request,
}) => {
  const admin = await apiAs(request, ADMIN);
  const supervisor = await apiAs(request, SUPERVISOR);
  const from = new Date(Date.now() - 14 * 86_400_000).toISOString();
  const to = new Date(Date.now() + 14 * 86_400_000).toISOString();
  const everyone = await admin.get<OfficeVisit[]>(`/office/visits?from=${from}&to=${to}&limit=100`);
  let outside: OfficeVisit | undefined;
  for (const visit of everyone) {
    if ((await supervisor.status(`/visits/${visit.id}`)) === 404) {
      outside = visit;
      break;
    }
  }
  expect(outside, "a visit of another supervisor's team").toBeDefined();

  await signIn(page, SUPERVISOR);
  await expect(page.getByRole('heading', { level: 1, name: 'Your team today' })).toBeVisible();
  await page.goto(`/visits/${outside!.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Visit not found' })).toBeVisible();
  await expect(page.getByText('This record does not exist, or it is not available to you.')).toBeVisible();
  await expect(page.getByText(outside!.client.lastName)).toHaveCount(0);
  await page.goto('/visits/not-a-visit');
  await expect(page.getByRole('heading', { level: 1, name: 'Visit not found' })).toBeVisible();
});
