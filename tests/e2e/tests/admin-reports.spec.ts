import { SUPERVISOR } from './admin-helpers';
import { expect, signIn, test } from './fixtures';

test('a supervisor reads the visit report by week, downloads it as CSV and PDF, and reads the timesheets', async ({
  page,
}) => {
  await signIn(page, SUPERVISOR);
  await expect(page.getByRole('heading', { level: 1, name: 'Your team today' })).toBeVisible();
  await page.goto('/reports');
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();

  // The seed's last four weeks: visits, and the chart's numbers as a table.
  await expect(page.getByTestId('report-visits')).not.toHaveText('0');
  const figure = page.getByRole('figure', { name: /^Visits by period/ });
  await expect(figure.getByRole('columnheader', { name: /Completed/ })).toBeVisible();
  await expect(figure.getByRole('row')).not.toHaveCount(1);

  // A period that ends before it starts is refused on the spot, and nothing is asked of the API.
  const from = page.getByLabel('From');
  const saved = await from.inputValue();
  await from.fill('2099-01-01');
  await expect(page.getByText('Must not be before the start.')).toBeVisible();
  await expect(page.getByRole('link', { name: /^Download CSV/ })).toHaveCount(0);
  await from.fill(saved);

  const csvLink = page.getByRole('link', { name: 'Download CSV: the Visits report' });
  const csv = await page.request.get((await csvLink.getAttribute('href'))!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect((await csv.text()).split('\n').length).toBeGreaterThan(2);
  const pdf = await page.request.get(
    (await page.getByRole('link', { name: 'Download PDF: the Visits report' }).getAttribute('href'))!,
  );
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  await page.getByRole('tab', { name: 'Timesheets' }).click();
  await expect(page.getByTestId('report-hours')).toContainText('hours over');
  await expect(page.getByRole('figure', { name: /^Hours by care worker/ })).toBeVisible();
  await page.getByRole('tab', { name: 'Budgets' }).click();
  await expect(page.getByRole('figure', { name: /^Budgets in force/ })).toBeVisible();
});
