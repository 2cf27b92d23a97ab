import { createHash } from 'node:crypto';
import { ADMIN, apiAs, apiFromPage, SUPERVISOR } from './admin-helpers';
import { expect, expectNoAxeViolations, signIn, test } from './fixtures';

interface Person {
  id: string;
  firstName: string;
  lastName: string;
}

interface Grant {
  id: string;
  targetUserId: string;
  reason: string;
  active: boolean;
  remainingSeconds: number;
}

interface AuditEntry {
  action: string;
  entityId: string | null;
  actorId: string | null;
  metadata: { grantId?: string; reason?: unknown } | null;
}

test('A supervisor cannot open a client outside the team by URL (sees not found) unless through break-glass with a reason', async ({
  page,
  request,
}) => {
  const admin = await apiAs(request, ADMIN);
  const supervisor = await apiAs(request, SUPERVISOR);
  const everyone = await admin.get<Person[]>('/users?role=CLIENT&limit=100');
  const mine = new Set((await supervisor.get<Person[]>('/users?role=CLIENT&limit=100')).map((client) => client.id));
  // A client of another team that this supervisor has no open grant for (other specs may have opened one).
  const opened = new Set(
    (await supervisor.get<Grant[]>('/break-glass?active=true')).map((grant) => grant.targetUserId),
  );
  const outside = everyone.toReversed().find((client) => !mine.has(client.id) && !opened.has(client.id));
  expect(outside, "a client of another supervisor's team, not opened yet").toBeDefined();
  const name = `${outside!.firstName} ${outside!.lastName}`;
  expect(await supervisor.status(`/users/${outside!.id}`)).toBe(404);

  // By its address: the calm not-found page, nothing of the record.
  await signIn(page, SUPERVISOR);
  await expect(page.getByRole('heading', { level: 1, name: 'Your team today' })).toBeVisible();
  await page.goto(`/clients/${outside!.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Client not found' })).toBeVisible();
  await expect(page.getByText('This record does not exist, or it is not available to you.')).toBeVisible();
  await expect(page.getByText(outside!.lastName)).toHaveCount(0);

  // Break-glass is offered; an empty reason is refused at the field, and nothing is opened.
  await page.getByRole('button', { name: 'Open in an emergency (break-glass)' }).click();
  const reasonField = page.getByRole('textbox', { name: 'Why you need the record now' });
  await expect(reasonField).toBeFocused();
  await page.getByRole('button', { name: 'Open the record' }).click();
  await expect(reasonField).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Explain the emergency in at least 20 characters.')).toBeVisible();
  await expectNoAxeViolations(page);
  expect(await supervisor.status(`/users/${outside!.id}`)).toBe(404);

  // With a reason, the record opens, marked, with the grant's remaining time counting down.
  const reason = `Client fell at home and their supervisor is unreachable (${Date.now()})`;
  await reasonField.fill(reason);
  await page.getByRole('button', { name: 'Open the record' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText('Opened in an emergency, outside your team')).toBeVisible();
  const banner = page.getByRole('status').filter({ hasText: 'Opened under break-glass' });
  await expect(banner).toContainText(/Opened under break-glass — access ends in (60|59) minutes/);
  await expect(banner).toContainText('Everything you look at is recorded.');
  await expect(page.getByRole('heading', { name: 'Care plan' })).toBeVisible();
  // Read-only under break-glass: no way to edit the profile from here.
  await expect(page.getByRole('link', { name: 'Edit details' })).toHaveCount(0);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The API holds the grant with the reason; its audit log shows the grant being opened, with the
  // reason (kept there as its length and SHA-256, as the log keeps all prose) and the read under it.
  const grants = await admin.get<Grant[]>('/break-glass?active=true');
  const grant = grants.find((item) => item.targetUserId === outside!.id && item.reason === reason);
  expect(grant, 'the grant, with the reason, in the admin list').toBeDefined();
  expect(grant!.remainingSeconds).toBeGreaterThan(58 * 60);
  const log = await admin.get<AuditEntry[]>(`/audit?action=BREAK_GLASS_OPENED&entityId=${outside!.id}&limit=20`);
  const entry = log.find((item) => item.metadata?.grantId === grant!.id);
  expect(entry, 'the audit log entry of the grant').toBeDefined();
  const reasonInLog = entry!.metadata!.reason;
  expect(
    reasonInLog === reason ||
      JSON.stringify(reasonInLog) ===
        JSON.stringify({ length: reason.length, sha256: createHash('sha256').update(reason, 'utf8').digest('hex') }),
    `the reason in the audit log: ${JSON.stringify(reasonInLog)}`,
  ).toBe(true);
  const reads = await admin.get<AuditEntry[]>(`/audit?action=PHI_READ&entityId=${outside!.id}&limit=50`);
  expect(reads.some((item) => item.metadata && 'breakGlassGrantId' in item.metadata)).toBe(true);

  // Ending the access early: the record leaves the screen and is not found again.
  await page.getByRole('button', { name: 'End access now' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Client not found' })).toBeVisible();
  await expect(page.getByText('Your emergency access to this record has ended')).toBeVisible();
  await expect(page.getByText(outside!.lastName)).toHaveCount(0);
  expect(await supervisor.status(`/users/${outside!.id}`)).toBe(404);
});

test('When the grant runs out, the record is no longer shown', async ({ page, request }) => {
  const admin = await apiAs(request, ADMIN);
  const supervisor = await apiAs(request, SUPERVISOR);
  const everyone = await admin.get<Person[]>('/users?role=CLIENT&limit=100');
  const mine = new Set((await supervisor.get<Person[]>('/users?role=CLIENT&limit=100')).map((client) => client.id));
  const opened = new Set(
    (await supervisor.get<Grant[]>('/break-glass?active=true')).map((grant) => grant.targetUserId),
  );
  // Not the first one outside (admin-people.spec.ts opens that) nor the last (the spec above).
  const outside = everyone.filter((client) => !mine.has(client.id) && !opened.has(client.id)).at(1);
  expect(outside).toBeDefined();
  const open = await supervisor.send('POST', '/break-glass', {
    userId: outside!.id,
    reason: 'Covering the night shift, client called about a fall',
  });
  expect(open.status).toBe(201);

  // The screen counts the grant's time down on this device: two seconds left, then it is gone.
  await page.clock.install();
  await signIn(page, SUPERVISOR);
  await expect(page.getByRole('heading', { level: 1, name: 'Your team today' })).toBeVisible();
  await page.route(`**/users/${outside!.id}`, async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    if (body.data?.breakGlass) body.data.breakGlass.remainingSeconds = 2;
    await route.fulfill({ response, json: body });
  });
  await page.goto(`/clients/${outside!.id}`);
  const name = `${outside!.firstName} ${outside!.lastName}`;
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText(/access ends in 1 minute\b/)).toBeVisible();
  // The API ends the grant on its side at the same moment (here: closed, as it would have run out).
  expect(
    (await supervisor.send('POST', `/break-glass/${(open.body!.data as { id: string }).id}/close`, {})).status,
  ).toBe(200);
  await page.clock.runFor(3000);
  await expect(page.getByRole('heading', { level: 1, name: 'Client not found' })).toBeVisible();
  await expect(
    page.getByText('Your emergency access to this record has ended, so it is no longer shown.'),
  ).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name })).toHaveCount(0);
});

test('An admin opening any client never meets break-glass', async ({ page }) => {
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: 'Agency overview' })).toBeVisible();
  const [client] = await apiFromPage(page).get<Person[]>('/users?role=CLIENT&limit=1');
  await page.goto(`/clients/${client!.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `${client!.firstName} ${client!.lastName}` })).toBeVisible();
  await expect(page.getByText('Opened under break-glass')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Open in an emergency (break-glass)' })).toHaveCount(0);
});
