import { createServer } from 'node:net';
import { schema } from '@caretracker/database';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWithContext } from '../src/context/request-context';
import { startQueueRunner } from '../src/modules/jobs/queue-runner';
import type { JobRunner } from '../src/modules/jobs/runner';
import { redisUrl, startApp, type TestApp } from './helpers/app';
import { createUser } from './helpers/factories';
import { expectError } from './helpers/http';
import { dropPrefix, uniquePrefix, waitUntil } from './helpers/queues';
import { startSmtpSink } from './helpers/smtp-sink';

/** A local port nothing listens on: connecting is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const outboxRow = async (t: TestApp, to: string) =>
  (await t.app.deps.db.select().from(schema.emailOutbox).where(eq(schema.emailOutbox.toAddress, to)))[0];

describe.runIf(Boolean(redisUrl()))('email through the queue (real Redis, real SMTP)', () => {
  const prefix = uniquePrefix('email');
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let working: TestApp;
  let failing: TestApp;
  const runners: JobRunner[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink();
    working = await startApp({ redis: true, config: { SMTP_URL: sink.url } });
    failing = await startApp({ redis: true, config: { SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` } });
    for (const [t, label] of [
      [working, 'ok'],
      [failing, 'bad'],
    ] as const) {
      runners.push(
        await startQueueRunner([], {
          redisUrl: redisUrl()!,
          log: t.app.log,
          metrics: t.app.deps.jobMetrics,
          mailer: t.app.deps.mailer,
          prefix: `${prefix}:${label}`,
          backoffMs: 100,
        }),
      );
    }
  });
  afterAll(async () => {
    working.app.deps.jobRunner = null;
    for (const runner of runners) await runner.drain();
    await dropPrefix(prefix);
    await working.close();
    await failing.close();
    await sink.close();
  });

  it('is queued PENDING, delivered to the SMTP server, then marked SENT without its body', async () => {
    const to = `queued-${prefix.slice(-8)}@test.caretracker.dev`;
    await runWithContext({ requestId: 'req-mail', ip: null, userAgent: null, actor: null }, () =>
      working.app.deps.mailer.send({ to, subject: 'Queued hello', text: 'Reset code: abc123' }),
    );
    const mail = await sink.waitFor(to);
    expect(mail.raw).toContain('Reset code: abc123');
    await waitUntil(async () => (await outboxRow(working, to))?.status === 'SENT', 5_000, 'SENT');
    const row = await outboxRow(working, to);
    expect(row).toMatchObject({ status: 'SENT', attempts: 1, lastError: null });
    expect(row?.textBody).not.toContain('abc123');
    expect(row?.sentAt).toBeInstanceOf(Date);
  });

  it('a refused SMTP connection is retried with backoff, then the row is FAILED with the error', async () => {
    const to = `refused-${prefix.slice(-8)}@test.caretracker.dev`;
    await failing.app.deps.mailer.send({ to, subject: 'Will not arrive', text: 'Reset code: zzz999' });
    const first = await outboxRow(failing, to);
    expect(first?.status).toBe('PENDING');
    expect(first?.textBody).not.toContain('zzz999');
    // Five attempts 100, 200, 400, 800 ms apart.
    await waitUntil(async () => (await outboxRow(failing, to))?.status === 'FAILED', 15_000, 'FAILED');
    const row = await outboxRow(failing, to);
    expect(row).toMatchObject({ status: 'FAILED', attempts: 5 });
    expect(row?.lastError).toMatch(/ECONNREFUSED/);
    expect(row?.textBody).not.toContain('zzz999');

    // The row is marked FAILED inside the last attempt; the queue records the job's failure just
    // after it (a moment later on a busy machine).
    await waitUntil(async () => (await runners[1]!.recentFailures()).length > 0, 15_000, 'the failure recorded');
    const failures = await runners[1]!.recentFailures();
    expect(failures[0]).toMatchObject({ job: 'email', attempts: 5 });
    const metrics = await failing.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/caretracker_job_failures_total\{job="email"\} 5/);
  });

  it("an admin's retry of a failed email sends it, once the mail server takes it again", async () => {
    const admin = await createUser(working.app, { role: 'ADMIN' });
    working.app.deps.jobRunner = runners[0]!;
    const to = `bounced-${prefix.slice(-8)}@test.caretracker.dev`;
    sink.refusing.add(to);
    await working.app.deps.mailer.send({ to, subject: 'Your reset link', text: 'Reset code: retry42' });
    await waitUntil(async () => (await outboxRow(working, to))?.status === 'FAILED', 15_000, 'FAILED');
    expect((await outboxRow(working, to))?.lastError).toMatch(/Mailbox unavailable/);
    const outboxId = (await outboxRow(working, to))!.id;
    await waitUntil(
      async () => (await runners[0]!.recentFailures()).some((failure) => failure.id === outboxId),
      15_000,
      'the failure listed',
    );
    const retry = (headers: Record<string, string>) =>
      working.app.inject({ method: 'POST', url: `/admin/jobs/email/${outboxId}/retry`, headers });

    sink.refusing.delete(to);
    const response = await retry(admin.headers);
    expect(response.statusCode, response.body).toBe(200);
    const mail = await sink.waitFor(to);
    expect(mail.raw).toContain('Reset code: retry42');
    await waitUntil(async () => (await outboxRow(working, to))?.status === 'SENT', 5_000, 'SENT');
    expect(await outboxRow(working, to)).toMatchObject({ status: 'SENT', pendingBody: null });
    expect(sink.received.filter((received) => received.to.includes(to))).toHaveLength(1);
    // Sent: nothing is left to try again.
    expectError(await retry(admin.headers), 404, 'NOT_FOUND');
    // An id that is no email at all is a plain not-found too, not a database error.
    const stray = await working.app.inject({
      method: 'POST',
      url: '/admin/jobs/email/not-a-uuid/retry',
      headers: admin.headers,
    });
    expectError(stray, 404, 'NOT_FOUND');
  });
});
