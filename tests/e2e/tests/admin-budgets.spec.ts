import { ADMIN, apiAs, apiFromPage, SUPERVISOR } from './admin-helpers';
import { expect, signIn, test } from './fixtures';

interface Person {
  id: string;
  firstName: string;
  lastName: string;
}

// A tiny but real PDF (the API types an upload by its content).
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A month some years ahead (a different one per run), so the new budget overlaps no other of the client. */
function futureMonth(): { start: string; inside: string } {
  const year = 2030 + Math.floor(Math.random() * 60);
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
  return { start: `${year}-${month}-01`, inside: `${year}-${month}-10` };
}

test('an admin records a receipt-backed expense, approves it, and records an over-limit one with an override reason', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: 'Agency overview' })).toBeVisible();
  const admin = apiFromPage(page);
  const [client] = await admin.get<Person[]>('/users?role=CLIENT&limit=1');
  const month = futureMonth();
  const created = await admin.send('POST', '/budgets', {
    clientId: client!.id,
    periodType: 'MONTHLY',
    periodStart: month.start,
    totalCents: 100_000,
    allocations: [
      { category: 'PERSONAL_CARE', amountCents: 50_000 },
      { category: 'TRANSPORTATION', amountCents: 20_000 },
    ],
    fundingSource: 'County respite grant',
    approvalLimitCents: 15_000,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const budgetId = created.body!.data!.id!;
  const clientName = `${client!.firstName} ${client!.lastName}`;

  await page.goto(`/budgets/${budgetId}`);
  await expect(page.getByRole('heading', { level: 1, name: `Budget of ${clientName}` })).toBeVisible();
  // The chart's numbers as a table.
  const table = page.getByRole('figure', { name: /^Use by category/ });
  await expect(table.getByRole('row', { name: /Transportation/ })).toContainText('$200.00');
  await expect(page.getByText('Expenses above $150.00 wait for approval.')).toBeVisible();

  // Above the approval limit: it waits; the receipt goes with it.
  const form = page.locator('form', { has: page.getByRole('textbox', { name: 'What it was for' }) });
  await form.getByRole('button', { name: /Category/ }).click();
  await page.getByRole('option', { name: 'Transportation' }).click();
  await form.getByRole('textbox', { name: 'Amount (USD)' }).fill('180');
  await form.getByLabel('Date of the expense').fill(month.inside);
  await form.getByRole('textbox', { name: 'What it was for' }).fill('Taxi to the clinic');
  await form
    .getByLabel('Receipt (optional)')
    .setInputFiles({ name: 'taxi.pdf', mimeType: 'application/pdf', buffer: PDF });
  await form.getByRole('button', { name: 'Record expense' }).click();
  await expect(page.getByText('Expense recorded.')).toBeVisible();
  const expenses = page.getByRole('grid', { name: 'Expenses' });
  const taxi = expenses.getByRole('row', { name: /Taxi to the clinic/ });
  await expect(taxi).toContainText('Waiting for approval');
  await expect(taxi).toContainText('$180.00');
  const receipt = taxi.getByRole('link', { name: 'Download the receipt for Taxi to the clinic' });
  const download = await page.request.get((await receipt.getAttribute('href'))!);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-type']).toContain('application/pdf');
  await taxi.getByRole('button', { name: 'Approve Taxi to the clinic' }).click();
  await expect(page.getByText('Approved: Taxi to the clinic.')).toBeVisible();
  await expect(taxi).toContainText('Approved');

  // $180 of $200 used: $50 more passes the category. Refused and explained; the admin overrides with a reason.
  await form.getByRole('button', { name: /Category/ }).click();
  await page.getByRole('option', { name: 'Transportation' }).click();
  await form.getByRole('textbox', { name: 'Amount (USD)' }).fill('50');
  await form.getByLabel('Date of the expense').fill(month.inside);
  await form.getByRole('textbox', { name: 'What it was for' }).fill('Return taxi');
  await form.getByRole('button', { name: 'Record expense' }).click();
  await expect(page.getByText("This expense passes the budget's limit")).toBeVisible();
  await expect(page.getByText('The category would reach $230.00 of its $200.00.')).toBeVisible();
  expect((await admin.get<{ expenses: unknown[] }>(`/budgets/${budgetId}`)).expenses).toHaveLength(1);
  await form.getByRole('button', { name: 'Record it over the limit' }).click();
  await expect(form.getByRole('textbox', { name: 'Why it may pass the limit' })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await form
    .getByRole('textbox', { name: 'Why it may pass the limit' })
    .fill('Funder approved the return trip by phone');
  await form.getByRole('button', { name: 'Record it over the limit' }).click();
  // The first expense's notice may still be on show (toasts stay a few seconds): the newest is this one's.
  await expect(page.getByText('Expense recorded.').last()).toBeVisible();
  await expect(expenses.getByRole('row', { name: /Return taxi/ })).toContainText(
    'Over the limit, recorded by an administrator: Funder approved the return trip by phone',
  );
  const after = await admin.get<{ expenses: { description: string; override: { reason: string } | null }[] }>(
    `/budgets/${budgetId}`,
  );
  expect(after.expenses.find((expense) => expense.description === 'Return taxi')?.override?.reason).toBe(
    'Funder approved the return trip by phone',
  );
});

test('the budgets page lists a visit on a day no budget covers', async ({ page }) => {
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: 'Agency overview' })).toBeVisible();
  const admin = apiFromPage(page);
  const [client] = await admin.get<Person[]>('/users?role=CLIENT&limit=1');
  // Seven weeks ahead, past the current month's budget (the seed funds the past and the current month).
  const start = new Date(Date.now() + 49 * 86_400_000);
  start.setUTCHours(11, 0, 0, 0);
  const booked = await admin.send('POST', '/visits', {
    clientId: client!.id,
    scheduledStart: start.toISOString(),
    scheduledEnd: new Date(start.getTime() + 3_600_000).toISOString(),
  });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  const visitId = booked.body!.data!.id!;
  const uncovered = await admin.get<{ visits: { visitId: string }[] }>(`/budgets/uncovered?clientId=${client!.id}`);
  expect(uncovered.visits.map((visit) => visit.visitId)).toContain(visitId);

  await page.goto('/budgets');
  await expect(page.getByRole('heading', { level: 1, name: 'Budgets' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Visits no budget covers' })).toBeVisible();
  await expect(page.locator(`a[href="/visits/${visitId}"]`)).toContainText(`${client!.firstName} ${client!.lastName}`);
});

test("a supervisor opening another team's budget by its address sees the calm not-found page", async ({
  page,
  request,
}) => {
  const admin = await apiAs(request, ADMIN);
  const supervisor = await apiAs(request, SUPERVISOR);
  const mine = new Set((await supervisor.get<{ id: string }[]>('/budgets?limit=100')).map((budget) => budget.id));
  const outside = (await admin.get<{ id: string; clientName: string }[]>('/budgets?limit=100')).find(
    (budget) => !mine.has(budget.id),
  );
  expect(outside, "a budget of another team's client").toBeDefined();
  expect(await supervisor.status(`/budgets/${outside!.id}`)).toBe(404);

  await signIn(page, SUPERVISOR);
  await expect(page.getByRole('heading', { level: 1, name: 'Your team today' })).toBeVisible();
  await page.goto(`/budgets/${outside!.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Budget not found' })).toBeVisible();
  await expect(page.getByText('This record does not exist, or it is not available to you.')).toBeVisible();
  await expect(page.getByText(outside!.clientName)).toHaveCount(0);
});
