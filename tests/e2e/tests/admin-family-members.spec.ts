import { ADMIN, apiAs, apiFromPage, SUPERVISOR, WORKER } from './admin-helpers';
import { expect, expectNoAxeViolations, signIn, test } from './fixtures';

// Family members who sign in with their own account and act for a client: an admin links and
// unlinks them on the client record; the API refuses everyone else.

const PASSWORD = 'Sturdy-Kettle-Lantern-42';

test('an admin links a family member’s own sign-in to a client, and unlinks it after confirming', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: 'Agency overview' })).toBeVisible();
  const admin = apiFromPage(page);
  const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
  const create = async (firstName: string, lastName: string) => {
    const { status, body } = await admin.send('POST', '/users', {
      role: 'CLIENT',
      email: `${firstName.toLowerCase()}-${tag}@example.test`,
      password: PASSWORD,
      firstName,
      lastName,
    });
    expect(status, JSON.stringify(body)).toBe(201);
    return body!.data!.id as string;
  };
  const clientId = await create('Nora', `Family ${tag}`);
  const familyId = await create('Sam', `Kin ${tag}`);

  await page.goto(`/clients/${clientId}`);
  const section = page.locator('section').filter({
    has: page.getByRole('heading', { level: 2, name: 'Family members with their own sign-in', exact: true }),
  });
  await expect(section).toBeVisible();
  await expect(section.getByText(`No family member has their own sign-in for Nora Family ${tag} yet.`)).toBeVisible();

  await section.getByRole('searchbox', { name: 'Find their account by name or email' }).fill(`Kin ${tag}`);
  await section.getByRole('textbox', { name: 'Relationship (optional)' }).fill('Son');
  const candidates = section.getByRole('list', { name: 'Accounts that can be linked' });
  await expect(candidates.getByRole('listitem')).toHaveCount(1);
  await candidates.getByRole('button', { name: `Link: Sam Kin ${tag}` }).click();

  await expect(page.getByText(`Sam Kin ${tag} now acts for Nora Family ${tag}.`)).toBeVisible();
  const members = section.getByRole('list', { name: 'Family members acting for the client' });
  await expect(members.getByRole('listitem')).toHaveCount(1);
  await expect(members).toContainText(`Sam Kin ${tag}`);
  await expect(members).toContainText(`sam-${tag}@example.test`);
  await expect(members).toContainText('Son');
  await expect(members).toContainText('Linked since');
  const linked = await admin.get<{ userId: string; relationship: string | null }[]>(
    `/users/${clientId}/family-members`,
  );
  expect(linked).toEqual([expect.objectContaining({ userId: familyId, relationship: 'Son' })]);
  await expectNoAxeViolations(page);
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('family-linked-1280.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('family-linked-390.png') });
  await page.setViewportSize({ width: 1280, height: 800 });

  await members.getByRole('button', { name: `Unlink: Sam Kin ${tag}` }).click();
  const confirm = page.getByRole('alertdialog', { name: `Unlink Sam Kin ${tag}?` });
  await expect(confirm).toContainText('stops seeing and acting for');
  await confirm.getByRole('button', { name: 'Unlink', exact: true }).click();
  await expect(page.getByText(`Sam Kin ${tag} no longer acts for Nora Family ${tag}.`)).toBeVisible();
  await expect(section.getByText(`No family member has their own sign-in for Nora Family ${tag} yet.`)).toBeVisible();
  expect(await admin.get<unknown[]>(`/users/${clientId}/family-members`)).toEqual([]);
});

test('a care worker and a supervisor are refused by the API, and a supervisor sees no family section', async ({
  page,
  request,
}) => {
  const supervisor = await apiAs(request, SUPERVISOR);
  const [client] = await supervisor.get<{ id: string }[]>('/users?role=CLIENT&limit=1');
  const worker = await apiAs(request, WORKER);
  for (const outsider of [worker, supervisor]) {
    expect(await outsider.status(`/users/${client!.id}/family-members`)).toBe(403);
    expect(await outsider.status(`/users/${client!.id}/family-members/candidates`)).toBe(403);
    const linked = await outsider.send('POST', `/users/${client!.id}/family-members`, { userId: client!.id });
    expect(linked.status).toBe(403);
  }

  await signIn(page, SUPERVISOR);
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  await page.goto(`/clients/${client!.id}`);
  await expect(page.getByRole('heading', { name: 'Care team' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Family members with their own sign-in' })).toHaveCount(0);
});
