import { randomUUID } from 'node:crypto';
import { API_URL } from './account-helpers';
import { ADMIN, apiAs, apiFromPage, SUPERVISOR, WORKER_APP_URL } from './admin-helpers';
import { expect, signIn, test } from './fixtures';

interface Person {
  id: string;
  firstName: string;
  lastName: string;
  profile?: { skills?: string[]; availability?: { day: string; start: string; end: string }[] };
}

const PASSWORD = 'Sturdy-Kettle-Lantern-42';

test('an admin adds a care worker, records skills and weekly hours, and deactivates them: their session ends at once', async ({
  page,
  request,
  browser,
}) => {
  const tag = randomUUID().slice(0, 8);
  const email = `worker-${tag}@example.test`;
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: 'Agency overview' })).toBeVisible();
  await page.goto('/people?role=WORKER');
  await page.getByRole('link', { name: 'Add a care worker' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add a person' })).toBeVisible();
  await page.getByRole('textbox', { name: 'First name' }).fill('Robin');
  await page.getByRole('textbox', { name: 'Last name' }).fill(`Okafor ${tag}`);
  // Checked as the user types, by the API's own rules.
  await page.getByRole('textbox', { name: 'Email address' }).fill('not-an-email');
  await page.getByRole('textbox', { name: 'Email address' }).blur();
  await expect(page.getByText('Enter an email address, such as name@example.com.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Email address' }).fill(email);
  await page.getByLabel('First password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Add person' }).click();

  await expect(page.getByRole('heading', { level: 1, name: `Robin Okafor ${tag}` })).toBeVisible();
  const personId = page.url().split('/people/')[1]!;
  await expect(page.getByText('Care worker').first()).toBeVisible();
  const mfa = page.locator('dt', { hasText: 'Two-step verification' }).locator('xpath=following-sibling::dd[1]');
  await expect(mfa).toHaveText('Off');

  // Skills.
  await page.getByRole('textbox', { name: 'New skill' }).fill('Dementia care');
  await page.getByRole('button', { name: 'Add skill' }).click();
  await page.getByRole('textbox', { name: 'New skill' }).fill('dementia care');
  await page.getByRole('button', { name: 'Add skill' }).click();
  await expect(page.getByText('This skill is already listed.')).toBeVisible();
  await page.getByRole('button', { name: 'Save skills' }).click();
  await expect(page.getByText('Skills saved.')).toBeVisible();

  // Weekly availability: a slot that ends before it starts is refused on the spot.
  await page.getByRole('button', { name: 'Add a time' }).click();
  await page.getByRole('textbox', { name: 'Until' }).fill('08:00');
  await page.getByRole('button', { name: 'Save availability' }).click();
  await expect(page.getByText('Must be after the start.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Until' }).fill('13:30');
  await page.getByRole('button', { name: 'Save availability' }).click();
  await expect(page.getByText('Availability saved.')).toBeVisible();

  const admin = apiFromPage(page);
  const saved = await admin.get<Person>(`/users/${personId}`);
  expect(saved.profile?.skills).toEqual(['Dementia care']);
  expect(saved.profile?.availability).toEqual([{ day: 'MON', start: '09:00', end: '13:30' }]);
  await page.reload();
  await expect(page.getByText('Dementia care', { exact: true })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Until' })).toHaveValue('13:30');

  // The worker has the app open on their phone (and a token elsewhere); the admin deactivates
  // them; the app's next request ends on the sign-in page and the token is refused.
  const phone = await browser.newContext({ baseURL: WORKER_APP_URL, viewport: { width: 390, height: 844 } });
  const app = await phone.newPage();
  await signIn(app, { email, name: `Robin Okafor ${tag}`, role: 'WORKER' }, PASSWORD);
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Welcome, Robin');
  const login = await request.post(`${API_URL}/auth/login`, {
    data: { email, password: PASSWORD, tokenDelivery: 'body' },
  });
  expect(login.status()).toBe(200);
  const headers = { authorization: `Bearer ${(await login.json()).data.accessToken}` };
  expect((await request.get(`${API_URL}/auth/me`, { headers })).status()).toBe(200);

  await page.getByRole('button', { name: 'Deactivate' }).click();
  const dialog = page.getByRole('alertdialog', { name: `Deactivate Robin Okafor ${tag}?` });
  await expect(dialog).toContainText('signed out on every device at once');
  await dialog.getByRole('button', { name: 'Deactivate and sign out' }).click();
  await expect(page.getByText(`Robin Okafor ${tag} is deactivated and signed out everywhere.`)).toBeVisible();
  await expect(page.getByText('This account is deactivated')).toBeVisible();
  expect((await request.get(`${API_URL}/auth/me`, { headers })).status()).toBe(401);
  const relogin = await request.post(`${API_URL}/auth/login`, {
    data: { email, password: PASSWORD, tokenDelivery: 'body' },
  });
  expect(relogin.status()).toBe(401);

  // On the phone, the next request (Refresh) finds the session gone and leaves for sign-in.
  await app.getByRole('button', { name: 'Refresh' }).click();
  await expect(app).toHaveURL(/\/login/);
  await expect(app.getByRole('heading', { level: 1 })).toContainText('Sign in');
  await phone.close();
});

test('an email already in use is named at its field, and nothing is created', async ({ page }) => {
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: 'Agency overview' })).toBeVisible();
  await page.goto('/people/new?role=CLIENT');
  await page.getByRole('textbox', { name: 'First name' }).fill('Duplicate');
  await page.getByRole('textbox', { name: 'Last name' }).fill('Address');
  await page.getByRole('textbox', { name: 'Email address' }).fill('worker@caretracker.dev');
  await page.getByLabel('First password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Add person' }).click();
  await expect(page.getByRole('textbox', { name: 'Email address' })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('This is already in use.')).toBeVisible();
  await expect(page).toHaveURL(/\/people\/new/);
  const found = await apiFromPage(page).get<Person[]>('/users?search=Duplicate%20Address');
  expect(found.filter((person) => person.lastName === 'Address')).toHaveLength(0);
});

test("a supervisor edits a team worker without pay or deactivation, and another team's worker is not found", async ({
  page,
  request,
}) => {
  const admin = await apiAs(request, ADMIN);
  const supervisor = await apiAs(request, SUPERVISOR);
  const everyone = await admin.get<Person[]>('/users?role=WORKER&limit=100');
  const team = await supervisor.get<Person[]>('/users?role=WORKER&limit=100');
  const mine = new Set(team.map((worker) => worker.id));
  const outside = everyone.find((worker) => !mine.has(worker.id));
  expect(outside, "a worker of another supervisor's team").toBeDefined();
  expect(await supervisor.status(`/users/${outside!.id}`)).toBe(404);
  const teamWorker = team[0]!;

  await signIn(page, SUPERVISOR);
  await expect(page.getByRole('heading', { level: 1, name: 'Your team today' })).toBeVisible();
  await page.goto(`/people/${teamWorker.id}`);
  await expect(
    page.getByRole('heading', { level: 1, name: `${teamWorker.firstName} ${teamWorker.lastName}` }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Weekly availability' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'First name' })).toBeVisible();
  // Pay is billing (admins only), and only admins deactivate.
  await expect(page.getByRole('textbox', { name: 'Hourly pay rate (USD)' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Deactivate' })).toHaveCount(0);

  await page.goto('/people/new');
  await page.getByRole('button', { name: /Role/ }).click();
  await expect(page.getByRole('option')).toHaveText([/Care worker/, /Client/]);
  await page.keyboard.press('Escape');

  await page.goto(`/people/${outside!.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Person not found' })).toBeVisible();
  await expect(page.getByText('This record does not exist, or it is not available to you.')).toBeVisible();
  await expect(page.getByText(outside!.lastName)).toHaveCount(0);
});
