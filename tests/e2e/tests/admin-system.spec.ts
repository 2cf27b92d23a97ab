import { ADMIN, apiAs, apiFromPage, SUPERVISOR } from './admin-helpers';
import { expect, expectNoAxeViolations, signIn, test } from './fixtures';

interface Check {
  status: 'healthy' | 'unhealthy';
}

interface SystemView {
  status: 'healthy' | 'unhealthy';
  api: Check & { version: string; agencyTimeZone: string };
  database: Check;
  redis: Check;
  disk: Check;
  memory: Check;
  queues: Check & {
    counts: { queue: string; waiting: number; active: number; delayed: number; failed: number; completed: number }[];
  };
  failedJobs: unknown[];
}

const STATE_WORDS = { healthy: 'Working', unhealthy: 'Not working' } as const;

test("An admin sees the system's health, queues, failed jobs and version as the API reports them", async ({ page }) => {
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: 'Agency overview' })).toBeVisible();
  const system = await apiFromPage(page).get<SystemView>('/admin/system');
  await page.getByRole('link', { name: 'System' }).click();
  await expect(page).toHaveURL(/\/system$/);
  await expect(page.getByRole('heading', { level: 1, name: 'System' })).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);

  for (const part of ['api', 'database', 'redis', 'queues', 'disk', 'memory'] as const) {
    const row = page.getByTestId(`part-${part}`);
    await expect(row, part).toHaveAttribute('data-state', system[part].status);
    await expect(row, part).toContainText(STATE_WORDS[system[part].status]);
  }
  const failing = (['database', 'redis', 'queues', 'disk', 'memory'] as const).filter(
    (part) => system[part].status !== 'healthy',
  );
  const overall =
    failing.length === 0 ? 'healthy' : failing.every((part) => part === 'redis') ? 'degraded' : 'unhealthy';
  await expect(page.getByTestId('overall')).toHaveAttribute('data-state', overall);
  await expect(page.getByTestId('version')).toHaveText(system.api.version);
  await expect(page.getByTestId('failed-jobs')).toHaveAttribute('data-count', String(system.failedJobs.length));
  if (system.failedJobs.length === 0) await expect(page.getByText('No background job has failed.')).toBeVisible();
  // Each queue's counts as the API gave them (running and finished ones may change between the two reads).
  for (const queue of system.queues.counts) {
    for (const key of ['waiting', 'delayed', 'failed'] as const) {
      await expect(page.getByTestId(`queue-${queue.queue}-${key}`)).toHaveText(String(queue[key]));
    }
  }
  if (system.queues.counts.length === 0) await expect(page.getByText('There are no job queues to show.')).toBeVisible();
  // Plain words only: no raw states or job ids on the screen.
  await expect(page.getByText(/\bhealthy\b|\bunhealthy\b/)).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('A supervisor opening /system by its address is told it is not for their role', async ({ page, request }) => {
  const supervisor = await apiAs(request, SUPERVISOR);
  expect(await supervisor.status('/admin/system')).toBe(403);

  await signIn(page, SUPERVISOR);
  await expect(page.getByRole('heading', { level: 1, name: 'Your team today' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'System' })).toHaveCount(0);
  await page.goto('/system');
  await expect(page.getByRole('heading', { level: 1, name: 'This screen is for administrators' })).toBeVisible();
  await expect(page.getByText('Database')).toHaveCount(0);
  await expectNoAxeViolations(page);
});
