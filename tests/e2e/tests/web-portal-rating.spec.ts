import { randomBytes } from 'node:crypto';
import { SUPERVISOR } from '../apps-under-test';
import { apiAs } from './admin-helpers';
import { expect, expectNoAxeViolations, test } from './fixtures';
import { CLIENT, call, completedVisit, type PortalVisit, signInAsClient } from './web-portal-helpers';

// The client rates a completed visit (1–5 stars, an optional comment) on its page; the office's
// visit detail shows the rating; the client changes it; nobody rates another client's visit.

test('the client rates a completed visit, the office API shows it, and the client changes it', async ({
  page,
  request,
}) => {
  const visit = await completedVisit(request);
  const comment = `Very kind, and on time ${randomBytes(3).toString('hex')}`;
  await signInAsClient(page);
  await page.goto(`/visits/${visit.id}`);
  const card = page.locator('section').filter({ has: page.getByRole('heading', { name: 'How was this visit?' }) });
  await expect(card).toBeVisible();
  await expectNoAxeViolations(page);

  // Stars are asked for before anything is sent.
  await card.getByRole('button', { name: 'Send my rating' }).click();
  await expect(card.getByText('Please choose from 1 to 5 stars.')).toBeVisible();
  await card.getByRole('radio', { name: '4 stars – good' }).click({ force: true });
  await card.getByLabel('Comment (optional)').fill(comment);
  await card.getByRole('button', { name: 'Send my rating' }).click();
  await expect(card.getByText('Thank you. The office can see your rating.')).toBeVisible();
  await expect(card.getByText('You gave this visit 4 stars out of 5.')).toBeVisible();
  await expect(card.getByText(`“${comment}”`)).toBeVisible();
  await expect(card.getByText(/You can change it until \w+day, \w+ \d+, \d{4}\./)).toBeVisible();
  await expectNoAxeViolations(page);

  const office = await apiAs(request, SUPERVISOR);
  expect((await office.get<PortalVisit>(`/visits/${visit.id}`)).rating).toMatchObject({ stars: 4, comment });

  // Changed within the week: still one rating, now two stars and no comment.
  await card.getByRole('button', { name: 'Change my rating' }).click();
  await card.getByRole('radio', { name: '2 stars – not good' }).click({ force: true });
  await card.getByLabel('Comment (optional)').fill('');
  await card.getByRole('button', { name: 'Save my rating' }).click();
  await expect(card.getByText('You gave this visit 2 stars out of 5.')).toBeVisible();
  expect((await office.get<PortalVisit>(`/visits/${visit.id}`)).rating).toMatchObject({ stars: 2, comment: null });

  // After a reload the page shows the saved rating, not the form.
  await page.reload();
  await expect(card.getByText('You gave this visit 2 stars out of 5.')).toBeVisible();
  await expect(card.getByRole('radio')).toHaveCount(0);
});

test("another client's visit: its page is not found for the client, and rating it answers not found", async ({
  page,
  request,
}) => {
  const supervisor = await apiAs(request, SUPERVISOR);
  const me = await (await apiAs(request, CLIENT)).get<{ id: string }>('/auth/me');
  const clients = await supervisor.get<{ id: string }[]>('/users?role=CLIENT&limit=100');
  const other = clients.find((user) => user.id !== me.id);
  expect(other, "the supervisor's team has another client").toBeTruthy();
  const start = new Date(Date.now() + 90 * 86_400_000 + Math.floor(Math.random() * 1000) * 60_000);
  const theirs = await call<PortalVisit>(
    supervisor,
    'POST',
    '/visits',
    {
      clientId: other!.id,
      scheduledStart: start.toISOString(),
      scheduledEnd: new Date(start.getTime() + 3_600_000).toISOString(),
      serviceType: 'COMPANION',
    },
    201,
  );

  const pat = await apiAs(request, CLIENT);
  const answer = await pat.send('PUT', `/visits/${theirs.id}/rating`, { stars: 1, comment: 'Not mine' });
  expect(answer.status).toBe(404);
  expect(answer.body?.error).toBe('NOT_FOUND');
  expect((await supervisor.get<PortalVisit>(`/visits/${theirs.id}`)).rating).toBeNull();

  await signInAsClient(page);
  await page.goto(`/visits/${theirs.id}`);
  await expect(page.getByRole('heading', { name: 'How was this visit?' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Your visits' }).first()).toBeVisible();
  await expect(page.getByText(/not found|could not find/i).first()).toBeVisible();
});
