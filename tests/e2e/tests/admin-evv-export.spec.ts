import { readFile } from 'node:fs/promises';
import { SUPERVISOR } from './admin-helpers';
import { expect, signIn, test } from './fixtures';

test('a supervisor downloads the EVV export for a period from Reports, seeing it being prepared', async ({ page }) => {
  await signIn(page, SUPERVISOR);
  await expect(page.getByRole('heading', { level: 1, name: 'Your team today' })).toBeVisible();
  await page.goto('/reports');
  await page.getByRole('tab', { name: 'EVV export' }).click();
  const panel = page.getByRole('tabpanel', { name: 'EVV export' });
  await expect(panel.getByRole('heading', { name: 'EVV export' })).toBeVisible();

  // The export waits until the API answers; the button says it is working meanwhile.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/exports/evv?*', async (route) => {
    await held;
    await route.continue();
  });
  const button = panel.getByRole('button', { name: 'Download the EVV export (CSV)' });
  const downloading = page.waitForEvent('download');
  await button.click();
  await expect(panel.getByText('Preparing the export… a long period can take a minute.')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Stop' })).toBeVisible();
  release();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^evv-export-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, 'utf8');
  const lines = csv.trim().split('\n');
  expect(lines.length).toBeGreaterThan(1);
  await expect(panel.getByText(/^The export is downloaded: \d+ visits?\.$/)).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 800 });
  await panel.screenshot({ path: test.info().outputPath('evv-1280.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await panel.screenshot({ path: test.info().outputPath('evv-390.png') });
});
