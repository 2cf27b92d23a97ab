import { ADMIN, apiFromPage, SUPERVISOR, WORKER } from './admin-helpers';
import { expect, signIn, test } from './fixtures';

interface OfficeVisit {
  id: string;
  status: string;
  reviewOutcome: string | null;
}

test('a supervisor resolves an EVV exception and reviews a completed visit; the audit log screen shows both', async ({
  page,
}) => {
  await signIn(page, SUPERVISOR);
  await expect(page.getByRole('heading', { level: 1, name: 'Your team today' })).toBeVisible();
  const supervisor = apiFromPage(page);
  // A completed, unreviewed visit of the team with a problem waiting; the last one, as the visits
  // journey takes the first.
  const waiting = await supervisor.get<OfficeVisit[]>('/office/visits?exceptions=open&limit=100');
  const target = waiting.filter((visit) => visit.status === 'COMPLETED' && visit.reviewOutcome === null).at(-1);
  expect(target, 'a completed, unreviewed visit of the team with a check-in problem').toBeDefined();

  await page.goto(`/visits/${target!.id}`);
  await expect(page.getByRole('heading', { level: 1, name: /^Visit with / })).toBeVisible();
  const problem = page.getByTestId('evv-exception').filter({ hasText: 'Waiting for a reason' }).first();
  await problem.getByRole('button', { name: /Reason/ }).click();
  await page.getByRole('option', { name: "The phone's location was inaccurate" }).click();
  await problem.getByRole('button', { name: 'Resolve with this reason' }).click();
  await expect(page.getByText('Problem resolved.')).toBeVisible();
  await page.getByText('Approved: the visit went as planned').click();
  await page.getByRole('button', { name: 'Save the review' }).click();
  await expect(page.getByTestId('visit-review')).toContainText('Approved');

  // The audit log, from the navigation.
  await page.getByRole('link', { name: 'Audit log' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  const table = page.getByRole('grid', { name: 'Audit log entries, newest first' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  const unfiltered = await page.getByTestId('audit-count').textContent();

  // Narrowed to the supervisor and to reviews and resolutions: both are there, linked to the visit.
  await page.getByRole('combobox', { name: 'Who' }).fill(SUPERVISOR.name);
  await page.getByRole('option', { name: SUPERVISOR.name }).click();
  await expect(page).toHaveURL(/actorId=/);
  await page.getByRole('button', { name: /Action/ }).click();
  await page.getByRole('option', { name: 'Reviewed or resolved' }).click();
  await expect(page).toHaveURL(/kind=reviewed/);
  await expect(page.getByTestId('audit-count')).not.toHaveText(unfiltered ?? '');

  const rows = table.getByRole('row');
  const reviewed = rows.filter({ hasText: 'Reviewed a completed visit' }).first();
  const resolved = rows.filter({ hasText: 'Resolved a check-in problem' }).first();
  await expect(reviewed).toContainText(SUPERVISOR.name);
  await expect(reviewed).toContainText('Supervisor');
  await expect(reviewed).toContainText('Done');
  await expect(reviewed.getByRole('link', { name: 'Visit' })).toHaveAttribute('href', `/visits/${target!.id}`);
  await expect(resolved.getByRole('link', { name: 'Check-in problem' })).toHaveAttribute(
    'href',
    `/visits/${target!.id}`,
  );
  // Every row left is one of the two kinds, by this supervisor; no codes on screen.
  const texts = await rows.allTextContents();
  for (const text of texts.slice(1)) {
    expect(text).toMatch(/Reviewed a completed visit|Resolved a check-in problem/);
    expect(text).toContain(SUPERVISOR.name);
  }
  await expect(table).not.toContainText(/VISIT_REVIEWED|EVV_EXCEPTION_RESOLVED|SUPERVISOR/);

  // A supervisor reads the team's log, but neither checks the chain nor exports it.
  await expect(page.getByRole('button', { name: "Check the log's integrity" })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Download CSV/ })).toHaveCount(0);
  expect(await supervisor.status('/audit/export')).toBe(403);

  // A row's link opens the record, by keyboard: arrows move through the grid to the link, Enter follows it.
  await reviewed.getByRole('rowheader').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(reviewed.getByRole('link', { name: 'Visit' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/visits/${target!.id}$`));
});

test('an admin checks the chain and downloads the filtered log as CSV, and the download is audited', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: 'Agency overview' })).toBeVisible();
  await page.goto('/audit');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();

  await page.getByRole('button', { name: "Check the log's integrity" }).click();
  const result = page.getByRole('status').filter({ hasText: 'The audit log is intact' });
  await expect(result).toBeVisible({ timeout: 30_000 });
  await expect(result).toContainText(/[\d,]+ entries checked: none was altered or removed\./);

  // Narrowed to sign-ins: every row is one, and the CSV holds the same rows.
  await page.getByRole('button', { name: /Action/ }).click();
  await page.getByRole('option', { name: 'Sign-in and account security' }).click();
  await expect(page).toHaveURL(/kind=signIn/);
  const table = page.getByRole('grid', { name: 'Audit log entries, newest first' });
  await expect(table.getByRole('row').nth(1)).toContainText(/Signed in|Signed out|sign in|password|verification/);
  await expect(table).toContainText(ADMIN.name);

  const link = page.getByRole('link', { name: 'Download CSV of the filtered audit log' });
  const href = (await link.getAttribute('href'))!;
  expect(href).toContain('/audit/export?');
  expect(href).toContain('LOGIN_SUCCESS');
  const csv = await page.request.get(href);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const lines = (await csv.text()).trim().split('\n');
  expect(lines[0]).toMatch(/^When \(.+\),Who,Role,Action,Record type/);
  expect(lines.length).toBeGreaterThan(1);
  expect(
    lines
      .slice(1)
      .every((line) =>
        /,(LOGIN_SUCCESS|LOGIN_FAILURE|LOGOUT|MFA_|PASSWORD_|EMAIL_VERIFIED|SESSION_ENDED|OTHER_SESSIONS_ENDED|ACCOUNT_)/.test(
          line,
        ),
      ),
  ).toBe(true);
  expect(lines.some((line) => line.includes(`${ADMIN.name},ADMIN,LOGIN_SUCCESS`))).toBe(true);

  // The export is itself in the log (the browser's session: no second two-step code).
  const admin = apiFromPage(page);
  const exports = await admin.get<{ action: string; entityType: string }[]>(
    '/audit?action=EXPORT&entityType=audit_log&limit=5',
  );
  expect(exports.length).toBeGreaterThan(0);
  await page.goto('/audit?kind=exported&entityType=audit_log');
  await expect(table.getByRole('row').nth(1)).toContainText('Exported data');
  await expect(table.getByRole('row').nth(1)).toContainText('Audit log');
});

test('a care worker opening the audit log by its address is told the app is not for their role', async ({ page }) => {
  await signIn(page, WORKER);
  // Signed in (a care worker lands on the same notice at the start), then the audit log by its address.
  await expect(page.getByRole('heading', { name: 'This app is not for your role' })).toBeVisible();
  await page.goto('/audit');
  await expect(page.getByRole('heading', { name: 'This app is not for your role' })).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Audit log entries, newest first' })).toHaveCount(0);
});
