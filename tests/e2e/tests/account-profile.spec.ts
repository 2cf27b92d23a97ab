import { accountRole, createAccountUser, signInAs } from './account-helpers';
import { expect, expectNoAxeViolations, test } from './fixtures';

test('contact details: a bad phone number is named as it is typed, the saved ones stay after reload', async ({
  page,
  request,
  app,
}) => {
  const user = await createAccountUser(request, accountRole(app));
  await signInAs(page, user);
  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  const phone = page.getByLabel('Phone number').first();
  await expect(phone).toHaveValue('+1 503 555 0111');

  await phone.fill('call me maybe');
  await phone.blur();
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Enter a phone number, such as 503 555 0142.')).toBeVisible();
  await phone.fill('503 555 0199');
  await expect(phone).not.toHaveAttribute('aria-invalid', 'true');

  // An address is all or nothing: a street alone asks for its city and ZIP code.
  await page.getByLabel('Street and number').fill('1200 SE Morrison St');
  await page.getByRole('button', { name: 'Save contact details' }).click();
  await expect(page.getByLabel('City')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('ZIP code')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('City').fill('Portland');
  await page.getByLabel('State').fill('OR');
  await page.getByLabel('ZIP code').fill('97214');
  await page.getByRole('button', { name: 'Save contact details' }).click();
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('Contact details saved');

  await page.reload();
  await expect(page.getByLabel('Phone number').first()).toHaveValue('503 555 0199');
  await expect(page.getByLabel('Street and number')).toHaveValue('1200 SE Morrison St');
  await expect(page.getByLabel('ZIP code')).toHaveValue('97214');
  await expectNoAxeViolations(page);
});
