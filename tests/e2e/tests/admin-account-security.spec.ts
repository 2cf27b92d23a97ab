import { APPS_UNDER_TEST, homeHeading } from '../apps-under-test';
import { expect, signIn, test } from './fixtures';

// Administrators' security screen exists only in the admin dashboard (the admin-* glob keeps this
// file in the admin project, so no other app skips it).

test('an administrator keeps two-step verification: the screen says so and offers no way to turn it off', async ({
  page,
}) => {
  await signIn(page, APPS_UNDER_TEST.find((candidate) => candidate.key === 'admin')!.user);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    homeHeading('admin', { role: 'ADMIN', firstName: 'Alex' }),
  );
  await page.goto('/account/security');
  await expect(page.getByText('Administrators must keep it on')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Turn off two-step verification' })).toHaveCount(0);
});
