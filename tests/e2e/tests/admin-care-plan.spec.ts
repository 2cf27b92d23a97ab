import { randomUUID } from 'node:crypto';
import { ADMIN, apiAs, apiFromPage, SUPERVISOR } from './admin-helpers';
import { expect, signIn, test } from './fixtures';

interface Person {
  id: string;
  firstName: string;
  lastName: string;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test('an admin approves a draft care plan, edits it, sees the difference between versions and puts it on hold', async ({
  page,
}) => {
  const tag = randomUUID().slice(0, 8);
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: 'Agency overview' })).toBeVisible();
  const admin = apiFromPage(page);
  // A new client, so the draft can become their one active plan.
  const client = await admin.send('POST', '/users', {
    email: `client-${tag}@example.test`,
    password: 'Sturdy-Kettle-Lantern-42',
    role: 'CLIENT',
    firstName: 'Ada',
    lastName: `Plan ${tag}`,
  });
  expect(client.status, JSON.stringify(client.body)).toBe(201);
  const draft = await admin.send('POST', '/careplans', {
    clientId: client.body!.data!.id,
    title: `Home support ${tag}`,
    startsOn: day(1),
    nextReviewOn: day(90),
  });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  const planId = draft.body!.data!.id!;

  await page.goto(`/care-plans/${planId}`);
  await expect(page.getByRole('heading', { level: 1, name: `Home support ${tag}` })).toBeVisible();
  await expect(page.getByText('Draft', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  const approve = page.getByRole('dialog', { name: `Approve Home support ${tag}?` });
  await approve.getByRole('textbox', { name: 'Note (optional)' }).fill('Agreed with the family');
  await approve.getByRole('button', { name: 'Approve the plan' }).click();
  await expect(page.getByText('Care plan approved.')).toBeVisible();
  await expect(page.getByText('Active', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Edit the plan' }).click();
  await page.getByRole('textbox', { name: 'Safety notes' }).fill('Use the walker on the stairs');
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  // The reason is asked for, as the version keeps it.
  await expect(page.getByRole('textbox', { name: 'What changed and why' })).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('textbox', { name: 'What changed and why' }).fill('Fall risk found at the home visit');
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  await expect(page.getByText('Care plan saved as a new version.')).toBeVisible();
  await expect(page.getByText('Use the walker on the stairs')).toBeVisible();

  const versions = page.locator('section', { has: page.getByRole('heading', { name: 'Versions' }) });
  await expect(versions.getByText('Fall risk found at the home visit')).toBeVisible();
  await versions
    .getByRole('button', { name: /^Show what changed in version/ })
    .first()
    .click();
  await expect(versions.getByRole('list', { name: /^Changes in version/ })).toContainText(
    'Safety notes: “nothing” became “Use the walker on the stairs”.',
  );

  await page.getByRole('button', { name: 'Change status' }).click();
  const status = page.getByRole('dialog', { name: `Change the status of Home support ${tag}` });
  await status.getByRole('button', { name: 'Change status' }).click();
  await expect(status.getByText('Say why the status changes.')).toBeVisible();
  await status.getByRole('textbox', { name: 'Reason' }).fill('Client in hospital for a week');
  await status.getByRole('button', { name: 'Change status' }).click();
  await expect(page.getByText('The plan is now: On hold.')).toBeVisible();
  const saved = await admin.get<{ status: string; safetyNotes: string | null }>(`/careplans/${planId}`);
  expect(saved).toMatchObject({ status: 'ON_HOLD', safetyNotes: 'Use the walker on the stairs' });
});

test("a supervisor opening another team's care plan by its address sees the calm not-found page", async ({
  page,
  request,
}) => {
  const admin = await apiAs(request, ADMIN);
  const supervisor = await apiAs(request, SUPERVISOR);
  const mine = new Set((await supervisor.get<Person[]>('/users?role=CLIENT&limit=100')).map((client) => client.id));
  const plans = await admin.get<{ id: string; clientId: string; title: string }[]>('/careplans?limit=100');
  const outside = plans.find((plan) => !mine.has(plan.clientId));
  expect(outside, "a care plan of another team's client").toBeDefined();
  expect(await supervisor.status(`/careplans/${outside!.id}`)).toBe(404);

  await signIn(page, SUPERVISOR);
  await expect(page.getByRole('heading', { level: 1, name: 'Your team today' })).toBeVisible();
  await page.goto(`/care-plans/${outside!.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Care plan not found' })).toBeVisible();
  await expect(page.getByText('This record does not exist, or it is not available to you.')).toBeVisible();
});
