import { apiAs, SUPERVISOR } from './admin-helpers';
import { expect, signIn, test } from './fixtures';

interface Entry {
  outcome: 'GIVEN' | 'PARTIAL' | 'REFUSED' | 'NOT_GIVEN';
  medication: { name: string };
  recorder: { firstName: string; lastName: string } | null;
}

const WORDS = { GIVEN: 'Given', PARTIAL: 'Partly given', REFUSED: 'Refused', NOT_GIVEN: 'Not given' };

test("a supervisor reads a client's medicines given across visits, newest first, page by page", async ({
  page,
  request,
}) => {
  const supervisor = await apiAs(request, SUPERVISOR);
  const clients =
    await supervisor.get<{ id: string; firstName: string; lastName: string }[]>('/users?role=CLIENT&limit=100');
  let found: { client: (typeof clients)[number]; newest: Entry } | null = null;
  for (const client of clients) {
    const [newest] = await supervisor.get<Entry[]>(`/users/${client.id}/medication-history?limit=1`);
    if (newest) {
      found = { client, newest };
      break;
    }
  }
  expect(found, 'a client of the team with doses recorded (demo data)').not.toBeNull();
  const { client, newest } = found!;

  await signIn(page, SUPERVISOR);
  await expect(page.getByRole('heading', { level: 1, name: 'Your team today' })).toBeVisible();
  await page.goto(`/clients/${client.id}`);
  const card = page.locator('section', { has: page.getByRole('heading', { name: 'Medicines given (eMAR)' }) });
  const table = card.getByRole('grid', { name: 'Medicines given (eMAR)' }).or(card.getByRole('table'));
  const firstRow = table.getByRole('row').nth(1);
  await expect(firstRow).toContainText(newest.medication.name);
  await expect(firstRow).toContainText(WORDS[newest.outcome]);
  if (newest.recorder) await expect(firstRow).toContainText(newest.recorder.lastName);
  const pager = card.getByRole('navigation', { name: 'Pages of doses' });
  if (await pager.isVisible()) {
    await pager.getByRole('button', { name: 'Next page' }).click();
    await expect(pager.getByText(/^Page 2 of \d+$/)).toBeVisible();
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await card.screenshot({ path: test.info().outputPath('emar-1280.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await card.screenshot({ path: test.info().outputPath('emar-390.png') });
});
