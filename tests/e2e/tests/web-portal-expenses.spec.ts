import { randomBytes } from 'node:crypto';
import { DEMO_PASSWORD, SUPERVISOR } from '../apps-under-test';
import { API_URL } from './account-helpers';
import { apiAs } from './admin-helpers';
import { expect, test } from './fixtures';
import { CLIENT, call, signInAsClient } from './web-portal-helpers';

// The budget screen lists this period's expenses with their receipts: the office files a receipt
// in the client's record and adds the expense; the client sees it and downloads the receipt.

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');

test('the client sees an expense the office added and downloads its receipt', async ({ page, request }) => {
  const pat = await apiAs(request, CLIENT);
  const me = await pat.get<{ id: string }>('/auth/me');
  const today = new Date().toISOString().slice(0, 10);
  const [budget] = await pat.get<{ id: string }[]>(
    `/budgets?status=ACTIVE&periodStart=${today}&periodEnd=${today}&limit=5`,
  );
  expect(budget, 'the demo seed gives Pat a budget for this period').toBeTruthy();

  const login = await request.post(`${API_URL}/auth/login`, {
    data: { email: SUPERVISOR.email, password: DEMO_PASSWORD, tokenDelivery: 'body' },
  });
  const headers = { authorization: `Bearer ${(await login.json()).data.accessToken}` };
  const upload = await request.post(`${API_URL}/files/upload`, {
    headers,
    multipart: {
      entityType: 'CLIENT',
      entityId: me.id,
      category: 'receipt',
      file: { name: 'pharmacy-receipt.pdf', mimeType: 'application/pdf', buffer: PDF },
    },
  });
  expect(upload.status(), await upload.text()).toBe(201);
  const file = (await upload.json()).data as { id: string };

  const description = `Grab bars for the bathroom ${randomBytes(3).toString('hex')}`;
  const supervisor = await apiAs(request, SUPERVISOR);
  await call(
    supervisor,
    'POST',
    `/budgets/${budget!.id}/expenses`,
    { category: 'PERSONAL_CARE', amountCents: 1_250, description, incurredOn: today, receiptFileId: file.id },
    201,
  );

  await signInAsClient(page);
  await page.goto('/budget');
  const list = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Expenses this period' }) });
  const row = list.getByTestId('expense').filter({ hasText: description });
  await expect(row).toBeVisible();
  await expect(row).toContainText('$12.50');
  await expect(row).toContainText('Personal care');
  await expect(row).toContainText(/Waiting for approval|Approved/);

  const download = page.waitForEvent('download');
  await row.getByRole('link', { name: `Download the receipt for ${description}` }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('pharmacy-receipt.pdf');
});
