import { randomBytes } from 'node:crypto';
import { ADMIN, type ApiAs, apiAs, expectNavBadge, openFromNav, SUPERVISOR, WORKER } from './admin-helpers';
import { expect, expectNoAxeViolations, signIn, test } from './fixtures';

// Messages in the admin dashboard, against the real API: a worker writes to the care team, the
// supervisor sees it arrive live with the unread badge, reads it beside the list and replies; a
// conversation the supervisor takes no part in is not found by URL.

interface Person {
  id: string;
  firstName: string;
  lastName: string;
}

const unreadOf = (api: ApiAs) => async () =>
  (await api.get<Array<{ unreadCount: number }>>('/conversations?limit=50')).reduce((sum, c) => sum + c.unreadCount, 0);

test('a worker writes: the supervisor sees it live with the badge, reads it beside the list and replies', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const tag = randomBytes(3).toString('hex');
  const worker = await apiAs(request, WORKER);
  const supervisor = await apiAs(request, SUPERVISOR);
  const client = (await worker.get<Person[]>('/users?role=CLIENT&limit=100'))[0]!;

  await openFromNav(page, SUPERVISOR, 'Messages');
  await expect(page.getByText('Choose a conversation to read it here.')).toBeVisible();

  const subject = `Walker for ${client.firstName} ${tag}`;
  const started = await worker.send('POST', '/conversations', {
    clientId: client.id,
    subject,
    message: `The walker's left wheel is loose (${tag}).`,
  });
  expect(started.status, JSON.stringify(started.body)).toBeLessThan(300);
  const id = started.body!.data!.id!;

  // Live: the conversation appears with what is new, and the nav's badge counts it.
  const row = page.getByRole('link', { name: new RegExp(subject) });
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(row).toContainText('1 new');
  await expectNavBadge(page, 'Messages', unreadOf(supervisor));
  await expect(page.getByRole('navigation', { name: 'Main' }).getByTestId('nav-badge').first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('messages-list-desktop.png') });

  // The thread opens beside the list: its subject is the page's heading, the list stays in view.
  await row.click();
  await expect(page).toHaveURL(new RegExp(`/messages\\?c=${id}`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(subject);
  await expect(page.getByRole('heading', { level: 2, name: 'Conversations' })).toBeVisible();
  await expect(page.getByRole('link', { name: new RegExp(subject) })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByText(`The walker's left wheel is loose (${tag}).`)).toBeVisible();
  await expect(page.getByText(/^With .*Jordan Lee/)).toBeVisible();
  // Reading it took it off the badge.
  await expect(page.getByRole('link', { name: new RegExp(subject) })).not.toContainText('new');
  await expectNavBadge(page, 'Messages', unreadOf(supervisor));

  // While it is open, the worker's next message appears by itself.
  const next = await worker.send('POST', `/conversations/${id}/messages`, { body: `It squeaks too (${tag}).` });
  expect(next.status).toBeLessThan(300);
  await expect(page.getByText(`It squeaks too (${tag}).`)).toBeVisible({ timeout: 15_000 });
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('Please write your message first.')).toBeVisible();
  await page.getByLabel('Your message').fill(`I will order a new one today (${tag}).`);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: `I will order a new one today (${tag}).` })).toContainText(
    'You',
  );
  await page.screenshot({ path: test.info().outputPath('messages-thread-desktop.png') });
  const messages = await worker.get<Array<{ body: string; sender: { firstName: string } | null }>>(
    `/conversations/${id}/messages`,
  );
  const reply = messages.filter((m) => m.body === `I will order a new one today (${tag}).`);
  expect(reply).toHaveLength(1);
  expect(reply[0]!.sender?.firstName).toBe('Sam');

  // On a phone the thread fills the page, with the way back to the list.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole('heading', { level: 2, name: 'Conversations' })).toBeHidden();
  await page.screenshot({ path: test.info().outputPath('messages-thread-phone.png'), fullPage: true });
  await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('link', { name: 'Messages' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('messages-list-phone.png'), fullPage: true });
});

test('the supervisor starts a conversation about a client; the care team takes part', async ({ page, request }) => {
  const tag = randomBytes(3).toString('hex');
  const supervisor = await apiAs(request, SUPERVISOR);
  const client = (await supervisor.get<Person[]>('/users?role=CLIENT&limit=100'))[0]!;
  const name = `${client.firstName} ${client.lastName}`;
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, SUPERVISOR);
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  await page.goto('/messages');
  await page.getByRole('button', { name: 'New conversation' }).click();
  // The picker opens once its list of clients has loaded (an empty one does not open).
  const option = page.getByRole('option', { name });
  await expect(async () => {
    if (!(await option.isVisible())) await page.getByRole('button', { name: /About which client/ }).click();
    await expect(option).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await option.click();
  await expect(page.getByText(`${name}, their care workers and their supervisor will read it.`)).toBeVisible();
  await page.getByLabel('Subject').fill(`New schedule ${tag}`);
  await page.getByLabel('Your message').fill(`From next week the visits start at 9 (${tag}).`);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`New schedule ${tag}`);
  const id = new URL(page.url()).searchParams.get('c')!;
  const stored = await supervisor.get<{ clientId: string; participants: Array<{ role: string }> }>(
    `/conversations/${id}`,
  );
  expect(stored.clientId).toBe(client.id);
  expect(stored.participants.map((p) => p.role)).toEqual(expect.arrayContaining(['CLIENT', 'SUPERVISOR']));
});

test('a conversation the supervisor takes no part in, by URL: not found', async ({ page, request }) => {
  const tag = randomBytes(3).toString('hex');
  const admin = await apiAs(request, ADMIN);
  const supervisor = await apiAs(request, SUPERVISOR);
  const mine = new Set((await supervisor.get<Person[]>('/users?role=CLIENT&limit=100')).map((c) => c.id));
  const other = (await admin.get<Person[]>('/users?role=CLIENT&limit=100')).find((c) => !mine.has(c.id));
  expect(other, "a client of another supervisor's team").toBeDefined();
  const theirs = await admin.send('POST', '/conversations', { clientId: other!.id, subject: `Their care ${tag}` });
  expect(theirs.status).toBeLessThan(300);
  const id = theirs.body!.data!.id!;
  expect(await supervisor.status(`/conversations/${id}`)).toBe(404);

  await signIn(page, SUPERVISOR);
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  await page.goto(`/messages?c=${id}`);
  await expect(page.getByText('Not found', { exact: true })).toBeVisible();
  await expect(page.getByText(`Their care ${tag}`)).toHaveCount(0);
  await page.goto('/messages?c=not-a-conversation');
  await expect(page.getByText('Not found', { exact: true })).toBeVisible();
});
