import { randomUUID } from 'node:crypto';
import { apiAs, SUPERVISOR } from './admin-helpers';
import { expect, signIn, test } from './fixtures';

// A tiny but real PDF (the API types an upload by its content).
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

test("a supervisor uploads a document to a client's record, downloads it and deletes it", async ({ page, request }) => {
  const supervisor = await apiAs(request, SUPERVISOR);
  const tag = randomUUID().slice(0, 8);
  const { status, body } = await supervisor.send('POST', '/users', {
    role: 'CLIENT',
    email: `client-${tag}@example.test`,
    password: 'Sturdy-Kettle-Lantern-42',
    firstName: 'Walter',
    lastName: `Docs ${tag}`,
  });
  expect(status, JSON.stringify(body)).toBe(201);
  const clientId = body!.data!.id as string;

  await signIn(page, SUPERVISOR);
  await expect(page.getByRole('heading', { level: 1, name: 'Your team today' })).toBeVisible();
  await page.goto(`/clients/${clientId}`);
  const card = page.locator('section', { has: page.getByRole('heading', { name: 'Documents', exact: true }) });
  await expect(card.getByText('No documents yet.')).toBeVisible();

  await card.getByRole('button', { name: 'Upload document' }).click();
  await expect(card.getByText('Choose a file to upload.')).toBeVisible();
  await card
    .getByLabel('Document', { exact: true })
    .setInputFiles({ name: 'Care agreement.pdf', mimeType: 'application/pdf', buffer: PDF });
  await card.getByRole('button', { name: 'Upload document' }).click();
  await expect(page.getByText('Care agreement.pdf was uploaded.')).toBeVisible();
  const row = card.getByRole('row', { name: /Care agreement\.pdf/ });
  await expect(row).toContainText('Sam Rivera');
  await expect(row).toContainText('Document');
  await expect(row).toContainText(`${PDF.length} byte`);

  const link = row.getByRole('link', { name: 'Download Care agreement.pdf' });
  const download = await page.request.get((await link.getAttribute('href'))!);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-disposition']).toContain('Care');
  expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);

  await page.setViewportSize({ width: 1280, height: 800 });
  await card.screenshot({ path: test.info().outputPath('documents-1280.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await card.screenshot({ path: test.info().outputPath('documents-390.png') });

  await row.getByRole('button', { name: 'Delete Care agreement.pdf' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete document' }).click();
  await expect(page.getByText('Care agreement.pdf was deleted.')).toBeVisible();
  await expect(card.getByText('No documents yet.')).toBeVisible();
  const files = await supervisor.get<{ id: string }[]>(`/files?entityType=CLIENT&entityId=${clientId}`);
  expect(files).toEqual([]);
});
