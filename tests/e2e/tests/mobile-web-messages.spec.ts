import { randomBytes } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { API_URL } from './account-helpers';
import { expect, expectNoAxeViolations, signIn, test } from './fixtures';
import { apiGet, bearer, supervisorToken, WORKER, whenLive } from './mobile-web-helpers';

// Messages with the care team in the care worker app, against the real API: the office writes, the
// worker sees it live with an unread count, the notification opens the thread, the reply reaches
// the office; the worker starts a conversation about a client; another team's thread is not found.

test.use({ viewport: { width: 390, height: 844 } });

interface Person {
  id: string;
  firstName: string;
  lastName: string;
}

async function post<T>(request: APIRequestContext, token: string, path: string, data: unknown): Promise<T> {
  const answer = await request.post(`${API_URL}${path}`, { headers: { authorization: `Bearer ${token}` }, data });
  expect(answer.status(), `POST ${path}: ${await answer.text()}`).toBeLessThan(300);
  return (await answer.json()).data as T;
}

/**
 * What the phone bar's entry is called: "Chat, 2 unread" while there is something unread. Polled
 * against the API's own count of the moment (other journeys may write to the demo worker too).
 */
async function expectBarBadge(
  page: import('@playwright/test').Page,
  label: 'Chat' | 'Alerts',
  unread: () => Promise<number>,
) {
  const bar = page.getByRole('navigation', { name: 'Main' });
  await expect
    .poll(
      async () => {
        const count = await unread();
        const name = count > 0 ? new RegExp(`^${label}\\s*, ${count} unread$`) : new RegExp(`^${label}$`);
        return (await bar.getByRole('link', { name }).count()) === 1
          ? 'matches'
          : `no "${label}" link for ${count} unread`;
      },
      { timeout: 15_000 },
    )
    .toBe('matches');
}

test('the office writes: live on Today with an unread count, the notification opens the thread, the reply reaches the office', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const tag = randomBytes(3).toString('hex');
  const supervisor = await supervisorToken(request);
  const worker = await bearer(request, WORKER.email);
  const client = (await apiGet<Person[]>(request, worker, '/users?role=CLIENT&limit=100'))[0]!;
  const live = whenLive(page, 'notifications');
  await signIn(page, WORKER);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Jordan');
  await live;

  const subject = `Keys for ${client.firstName} ${tag}`;
  const conversation = await post<{ id: string }>(request, supervisor, '/conversations', {
    clientId: client.id,
    subject,
    message: `The key safe code changed today (${tag}).`,
  });
  // Live: the count on Today moves without a reload, and so do the badges on the phone bar.
  await expect(page.getByRole('link', { name: /new messages?$/ })).toBeVisible({ timeout: 15_000 });
  const unreadMessages = async () =>
    (await apiGet<Array<{ unreadCount: number }>>(request, worker, '/conversations?limit=50')).reduce(
      (sum, c) => sum + c.unreadCount,
      0,
    );
  const unreadAlerts = async () =>
    (await apiGet<{ unread: number }>(request, worker, '/notifications/unread-count')).unread;
  expect(await unreadMessages()).toBeGreaterThan(0);
  await expectBarBadge(page, 'Chat', unreadMessages);
  await expectBarBadge(page, 'Alerts', unreadAlerts);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByTestId('nav-badge').first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('nav-badges-phone.png') });
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectBarBadge(page, 'Chat', unreadMessages);
  await page.screenshot({ path: test.info().outputPath('nav-badges-desktop.png') });
  await page.setViewportSize({ width: 390, height: 844 });

  await page.goto('/notifications');
  // This conversation's notice (another journey may write to Jordan's team at the same time).
  await page
    .getByRole('link', { name: /New message/ })
    .and(page.locator(`[href*="${conversation.id}"]`))
    .click();
  await expect(page).toHaveURL(new RegExp(`/messages\\?c=${conversation.id}`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(subject);
  await expect(page.getByText(`The key safe code changed today (${tag}).`)).toBeVisible();
  await expect(page.getByText(/^With .*Sam/)).toBeVisible();
  await expectNoAxeViolations(page);

  // While the thread is open, a new message from the office appears by itself.
  await post(request, supervisor, `/conversations/${conversation.id}/messages`, {
    body: `Also: bring gloves (${tag}).`,
  });
  await expect(page.getByText(`Also: bring gloves (${tag}).`)).toBeVisible({ timeout: 15_000 });

  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('Please write your message first.')).toBeVisible();
  await page.getByLabel('Your message').fill(`Thanks, noted (${tag}).`);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: `Thanks, noted (${tag}).` })).toContainText('You');
  const messages = await apiGet<Array<{ body: string }>>(
    request,
    supervisor,
    `/conversations/${conversation.id}/messages`,
  );
  expect(messages.filter((m) => m.body === `Thanks, noted (${tag}).`)).toHaveLength(1);

  // Read: the list shows no "new" on this conversation.
  await page.goto('/messages');
  const row = page.getByRole('link', { name: new RegExp(subject) });
  await expect(row).toBeVisible();
  await expect(row).not.toContainText('new');
  // Reading the thread took its messages off the Chat badge.
  await expectBarBadge(page, 'Chat', unreadMessages);
});

test('the worker starts a conversation about a client; the care team takes part', async ({ page, request }) => {
  const tag = randomBytes(3).toString('hex');
  const worker = await bearer(request, WORKER.email);
  const client = (await apiGet<Person[]>(request, worker, '/users?role=CLIENT&limit=100'))[0]!;
  const name = `${client.firstName} ${client.lastName}`;
  await signIn(page, WORKER);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Jordan');
  await page.getByRole('link', { name: 'Chat' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Messages');

  await page.getByRole('button', { name: 'New conversation' }).click();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('Choose the client this is about.')).toBeVisible();
  await expect(page.getByText('Please write a subject.')).toBeVisible();
  await page.getByRole('button', { name: /About which client/ }).click();
  await page.getByRole('option', { name }).click();
  await expect(page.getByText(`${name}, their care workers and their supervisor will read it.`)).toBeVisible();
  await page.getByLabel('Subject').fill(`Walker needs a repair ${tag}`);
  await page.getByLabel('Your message').fill(`The left wheel of the walker is loose (${tag}).`);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Send' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Walker needs a repair ${tag}`);
  await expect(page.getByText(`The left wheel of the walker is loose (${tag}).`)).toBeVisible();
  const id = new URL(page.url()).searchParams.get('c')!;
  const stored = await apiGet<{ clientId: string; participants: Array<{ role: string }> }>(
    request,
    await supervisorToken(request),
    `/conversations/${id}`,
  );
  expect(stored.clientId).toBe(client.id);
  expect(stored.participants.map((p) => p.role)).toEqual(expect.arrayContaining(['WORKER', 'SUPERVISOR']));
});

test("a conversation about another team's client, by URL: not found", async ({ page, request }) => {
  const tag = randomBytes(3).toString('hex');
  const supervisor = await supervisorToken(request);
  const mine = new Set(
    (await apiGet<Person[]>(request, await bearer(request, WORKER.email), '/users?role=CLIENT&limit=100')).map(
      (c) => c.id,
    ),
  );
  const other = (await apiGet<Person[]>(request, supervisor, '/users?role=CLIENT&limit=100')).find(
    (c) => !mine.has(c.id),
  );
  expect(other, "a client of the supervisor's team the worker does not look after").toBeDefined();
  const theirs = await post<{ id: string }>(request, supervisor, '/conversations', {
    clientId: other!.id,
    subject: `About your care ${tag}`,
  });

  await signIn(page, WORKER);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Jordan');
  await page.goto(`/messages?c=${theirs.id}`);
  await expect(page.getByText('Not found', { exact: true })).toBeVisible();
  await expect(page.getByText(`About your care ${tag}`)).toHaveCount(0);
  await page.goto('/messages?c=not-a-conversation');
  await expect(page.getByText('Not found', { exact: true })).toBeVisible();
});
