import { createAccountUser } from './account-helpers';
import { ADMIN } from './admin-helpers';
import { expect, signIn, test } from './fixtures';

// The visit list's and the audit log's person filters search the whole agency on the server
// (apps/admin/screens/person-picker.tsx), not the first hundred people loaded into the browser.

test('the visit list’s care worker filter finds a worker by what is typed, and names the one chosen from the address', async ({
  page,
  request,
}) => {
  const worker = await createAccountUser(request, 'WORKER');
  const name = `${worker.firstName} ${worker.lastName}`;
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: 'Agency overview' })).toBeVisible();
  await page.goto('/visits');
  const picker = page.getByRole('combobox', { name: 'Care worker' });
  await expect(picker).toHaveValue('Anyone');

  // What is typed goes to the server as the search.
  const searched = page.waitForRequest(
    (req) =>
      new URL(req.url()).pathname === '/users' && new URL(req.url()).searchParams.get('search') === worker.lastName,
  );
  await picker.fill(worker.lastName);
  await searched;
  await page.getByRole('option', { name }).click();
  await expect(page).toHaveURL(new RegExp(`workerId=${worker.id}`));

  // Opened again from the address (a link, a reload): the field names the worker, not an id.
  await page.reload();
  await expect(picker).toHaveValue(name);
  // And the list offers everyone again, not only the name in the field.
  await picker.locator('xpath=..').getByRole('button', { name: 'Show options' }).click();
  await expect(page.getByRole('option', { name: 'Anyone' })).toBeVisible();
  await expect.poll(() => page.getByRole('option').count()).toBeGreaterThan(2);
});
