import { randomUUID } from 'node:crypto';
import { apiAs, SUPERVISOR } from './admin-helpers';
import { expect, signIn, test } from './fixtures';

interface Member {
  worker: { id: string };
  assignmentRole: 'PRIMARY' | 'BACKUP';
  standing: 'CURRENT' | 'UPCOMING' | 'ENDED';
}

const PASSWORD = 'Sturdy-Kettle-Lantern-42';

test("a supervisor puts care workers on a client's care team, swaps the primary and removes one", async ({
  page,
  request,
}) => {
  const supervisor = await apiAs(request, SUPERVISOR);
  const tag = randomUUID().slice(0, 8);
  const create = async (role: 'CLIENT' | 'WORKER', firstName: string) => {
    const { status, body } = await supervisor.send('POST', '/users', {
      role,
      email: `${role.toLowerCase()}-${tag}@example.test`,
      password: PASSWORD,
      firstName,
      lastName: `Team ${tag}`,
    });
    expect(status, JSON.stringify(body)).toBe(201);
    return body!.data!.id as string;
  };
  const clientId = await create('CLIENT', 'Edith');
  await create('WORKER', 'Priya');
  const priya = `Priya Team ${tag}`;

  await signIn(page, SUPERVISOR);
  await expect(page.getByRole('heading', { level: 1, name: 'Your team today' })).toBeVisible();
  await page.goto(`/clients/${clientId}`);
  await expect(page.getByRole('heading', { level: 1, name: `Edith Team ${tag}` })).toBeVisible();
  const card = page.locator('section', { has: page.getByRole('heading', { name: 'Care team', exact: true }) });
  await expect(card.getByText('Supervisor: Sam Rivera.')).toBeVisible();
  await expect(card.getByText('No care workers on the team yet.')).toBeVisible();

  // Adding without choosing says what is missing; then Priya joins as the primary.
  await card.getByRole('button', { name: 'Add to team' }).click();
  await expect(card.getByText('Choose a care worker').last()).toBeVisible();
  await card.getByRole('button', { name: /Care worker/ }).click();
  await page.getByRole('option', { name: priya }).click();
  await card.getByRole('button', { name: /Role on the team/ }).click();
  await page.getByRole('option', { name: 'Primary' }).click();
  await card.getByRole('button', { name: 'Add to team' }).click();
  await expect(page.getByText('Care worker added to the team.')).toBeVisible();
  const members = card.getByRole('list', { name: 'Care workers on the team' });
  await expect(members.getByRole('listitem').filter({ hasText: priya })).toContainText('Primary');
  await page.setViewportSize({ width: 1280, height: 800 });
  await card.screenshot({ path: test.info().outputPath('care-team-1280.png') });

  // Priya becomes a backup, then is removed from the team (kept in its history as ended).
  await card.getByRole('button', { name: `Make backup: ${priya}` }).click();
  await expect(members.getByRole('listitem').filter({ hasText: priya })).toContainText('Backup');
  await card.getByRole('button', { name: `Remove from team: ${priya}` }).click();
  const dialog = page.getByRole('alertdialog', { name: `Remove ${priya} from the care team?` });
  await dialog.getByRole('button', { name: 'Remove from team' }).click();
  await expect(page.getByText(`${priya} is no longer on the care team.`)).toBeVisible();

  // Ended today: still on the team until tonight, and the API says the same.
  const team = await supervisor.get<{ members: Member[] }>(`/users/${clientId}/care-team`);
  expect(team.members).toEqual([expect.objectContaining({ assignmentRole: 'BACKUP', standing: 'CURRENT' })]);
  await expect(members.getByRole('listitem').filter({ hasText: priya })).toContainText(/From .+ to /);
  // The record's audit trail names the changes.
  await expect(page.getByText('added a care worker to the care team').first()).toBeVisible();

  await page.setViewportSize({ width: 390, height: 844 });
  await card.screenshot({ path: test.info().outputPath('care-team-390.png') });
});
