import { ADMIN, apiAs, SUPERVISOR } from './admin-helpers';
import { expect, signIn, test } from './fixtures';

interface Person {
  id: string;
  firstName: string;
  lastName: string;
}

test('a supervisor finds a client of the team by name and opens the record', async ({ page, request }) => {
  const supervisor = await apiAs(request, SUPERVISOR);
  const [client] = await supervisor.get<Person[]>('/users?role=CLIENT&limit=1');
  expect(client).toBeDefined();

  await signIn(page, SUPERVISOR);
  await expect(page.getByRole('heading', { level: 1, name: 'Your team today' })).toBeVisible();
  await page.goto('/people');
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  await page.getByLabel('Search').fill(client!.lastName);
  await expect(page).toHaveURL(new RegExp(`q=${client!.lastName}`));
  // By keyboard: from the Name column's header, ArrowDown lands on the first person's link, Enter opens it.
  const name = page.getByRole('link', { name: `${client!.firstName} ${client!.lastName}` });
  await expect(name).toBeVisible();
  await page.getByRole('columnheader', { name: /Name/ }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(name).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: `${client!.firstName} ${client!.lastName}` })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Care plan' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Who looked at or changed this record' })).toBeVisible();
  // Opening the record is itself recorded, and the trail shows it.
  await expect(page.getByText('Sam Rivera').first()).toBeVisible();
});

test("a supervisor opening another team's client by its address sees the calm not-found page", async ({
  page,
  request,
}) => {
  const admin = await apiAs(request, ADMIN);
  const supervisor = await apiAs(request, SUPERVISOR);
  const everyone = await admin.get<Person[]>('/users?role=CLIENT&limit=100');
  const mine = new Set((await supervisor.get<Person[]>('/users?role=CLIENT&limit=100')).map((client) => client.id));
  const outside = everyone.find((client) => !mine.has(client.id));
  expect(outside, "a client of another supervisor's team").toBeDefined();
  expect(await supervisor.status(`/users/${outside!.id}`)).toBe(404);

  await signIn(page, SUPERVISOR);
  await expect(page.getByRole('heading', { level: 1, name: 'Your team today' })).toBeVisible();
  await page.goto(`/clients/${outside!.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Client not found' })).toBeVisible();
  await expect(page.getByText('This record does not exist, or it is not available to you.')).toBeVisible();
  await expect(page.getByText(outside!.lastName)).toHaveCount(0);

  // Unless it is an emergency: break-glass asks for a reason, then opens the record for an hour.
  await page.getByRole('button', { name: 'Open in an emergency (break-glass)' }).click();
  await page.getByRole('button', { name: 'Open the record' }).click();
  await expect(page.getByText('Explain the emergency in at least 20 characters.')).toBeVisible();
  await page
    .getByRole('textbox', { name: 'Why you need the record now' })
    .fill('Their supervisor is unreachable and the client fell at home');
  await page.getByRole('button', { name: 'Open the record' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: `${outside!.firstName} ${outside!.lastName}` }),
  ).toBeVisible();
  await expect(page.getByText(/Opened under break-glass — access ends in \d+ minutes/)).toBeVisible();
  // The record's audit trail (an admin's view) shows the read made under break-glass, with the reason.
  const trail = await admin.get<{ entries: { breakGlass: boolean; actor: { firstName: string | null } | null }[] }>(
    `/users/${outside!.id}/audit-trail?scope=record`,
  );
  expect(trail.entries).toContainEqual(
    expect.objectContaining({ breakGlass: true, actor: expect.objectContaining({ firstName: 'Sam' }) }),
  );
});
