import { SUPERVISOR } from '../apps-under-test';
import { expect, signIn, signOut, test } from './fixtures';

test('a supervisor signs in to the admin dashboard without a second factor', async ({ page }) => {
  await signIn(page, SUPERVISOR);
  await expect(page.getByTestId('signed-in-as')).toHaveText('Signed in as Sam Rivera (Supervisor)');
  await expect(page.getByRole('heading', { name: 'Your team' })).toBeVisible();
  await signOut(page);
});
