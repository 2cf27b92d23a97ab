import { accountRole, createAccountUser, signInAs } from './account-helpers';
import { expect, test } from './fixtures';

test('notification settings: in-app and email per kind are saved; emergency alerts cannot be turned off', async ({
  page,
  request,
  app,
}) => {
  const user = await createAccountUser(request, accountRole(app));
  await signInAs(page, user);
  await page.goto('/account/notifications');
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();

  const inApp = page.getByRole('switch', { name: 'New messages: in the app' });
  await expect(inApp).toBeChecked();
  await expect(page.getByRole('switch', { name: 'Emergency alerts: in the app' })).toBeDisabled();
  const save = page.getByRole('button', { name: 'Save notification settings' });
  await expect(save).toBeDisabled();

  await inApp.click({ force: true }); // the visible track stands over the switch's input
  await page
    .getByRole('radiogroup', { name: 'Budget alerts: email' })
    .getByRole('radio', { name: 'Never' })
    .check({ force: true });
  await expect(page.getByText('2 changes to save.')).toBeVisible();
  await save.click();
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('Notification settings saved');

  await page.reload();
  await expect(page.getByRole('switch', { name: 'New messages: in the app' })).not.toBeChecked();
  await expect(
    page.getByRole('radiogroup', { name: 'Budget alerts: email' }).getByRole('radio', { name: 'Never' }),
  ).toBeChecked();
});
