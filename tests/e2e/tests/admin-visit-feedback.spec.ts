import { randomBytes } from 'node:crypto';
import { apiAs, SUPERVISOR } from './admin-helpers';
import { expect, signIn, test } from './fixtures';
import { CLIENT, call, completedVisit } from './web-portal-helpers';

test('the office reads on a visit what the client thought of it: their rating with its comment', async ({
  page,
  request,
}) => {
  const visit = await completedVisit(request);
  const comment = `Jordan was patient and kind ${randomBytes(3).toString('hex')}`;
  await call(await apiAs(request, CLIENT), 'PUT', `/visits/${visit.id}/rating`, { stars: 4, comment });

  await signIn(page, SUPERVISOR);
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  await page.goto(`/visits/${visit.id}`);
  const rating = page.getByTestId('visit-rating');
  await expect(rating).toContainText('4 of 5 stars');
  await expect(rating).toContainText(`“${comment}”`);
});
