import { schema } from '@caretracker/database';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type QueueRunner, startQueueRunner } from '../src/modules/jobs/queue-runner';
import { redisUrl, startApp, type TestApp } from './helpers/app';
import { dropPrefix, uniquePrefix, waitUntil } from './helpers/queues';
import { startSmtpSink } from './helpers/smtp-sink';

const outboxRow = async (t: TestApp, to: string) =>
  (await t.app.deps.db.select().from(schema.emailOutbox).where(eq(schema.emailOutbox.toAddress, to)))[0];

/** The stored text of the row's body column, as a copy of the database would show it. */
const rawBody = async (t: TestApp, to: string) => {
  const result = (await t.app.deps.db.execute(
    sql`select pending_body from email_outbox where to_address = ${to}`,
  )) as unknown as { rows: Array<{ pending_body: string | null }> };
  return result.rows[0]?.pending_body ?? null;
};

// The email's job is in Redis only: when Redis loses it (restarted without persistence, a failover)
// the outbox row must be enough to send the email, once.
describe.runIf(Boolean(redisUrl()))('queued email survives the loss of its job', () => {
  const prefix = uniquePrefix('outbox');
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let t: TestApp;
  let runner: QueueRunner | null = null;
  const jobs = [{ name: 'faults-noop', intervalMs: 3_600_000, run: async () => 'ok' }];

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startApp({ redis: true, config: { SMTP_URL: sink.url } });
  });
  afterAll(async () => {
    await runner?.drain();
    await dropPrefix(prefix);
    await t.close();
    await sink.close();
  });

  it('is sent from the outbox once its job is gone, exactly once, and its body is sealed meanwhile', async () => {
    const to = `lost-job-${prefix.slice(-8)}@test.caretracker.dev`;
    // A queue that takes the job and forgets it, as a Redis that restarts without its data does.
    t.app.deps.mailer.useQueue(async () => {});
    await t.app.deps.mailer.send({ to, subject: 'Job lost', text: 'Reset code: lost-777' });
    expect((await outboxRow(t, to))?.status).toBe('PENDING');
    const stored = await rawBody(t, to);
    expect(stored, 'the body is kept until delivered').toMatch(/^phi:v1:/);
    expect(stored).not.toContain('lost-777');

    runner = await startQueueRunner(jobs, {
      redisUrl: redisUrl()!,
      log: t.app.log,
      mailer: t.app.deps.mailer,
      prefix,
      backoffMs: 100,
      orphanAfterMs: 0,
      maintenanceMs: 3_600_000,
    });
    // Two replicas' checks at once queue it once (one job per outbox row).
    const [first, second] = await Promise.all([runner.maintain(), runner.maintain()]);
    expect(first.emailsRequeued + second.emailsRequeued).toBeGreaterThanOrEqual(1);
    await waitUntil(async () => (await outboxRow(t, to))?.status === 'SENT', 10_000, 'SENT');
    await runner.maintain();
    const delivered = sink.received.filter((mail) => mail.to.includes(to));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.raw).toContain('Reset code: lost-777');
    const row = await outboxRow(t, to);
    expect(row).toMatchObject({ status: 'SENT', pendingBody: null, claimedUntil: null });
    expect(await rawBody(t, to)).toBeNull();
  });

  it('two deliveries of the same row at once send it once', async () => {
    const to = `twice-${prefix.slice(-8)}@test.caretracker.dev`;
    t.app.deps.mailer.useQueue(async () => {});
    await t.app.deps.mailer.send({ to, subject: 'Only once', text: 'Once' });
    const row = await outboxRow(t, to);
    const data = { outboxId: row!.id, requestId: 'req-twice' };
    await Promise.all([
      t.app.deps.mailer.deliverQueued(data, { number: 1, final: false }),
      t.app.deps.mailer.deliverQueued(data, { number: 1, final: false }),
    ]);
    await t.app.deps.mailer.deliverQueued(data, { number: 2, final: false });
    expect(sink.received.filter((mail) => mail.to.includes(to))).toHaveLength(1);
    expect((await outboxRow(t, to))?.status).toBe('SENT');
  });

  it('puts back job schedulers that Redis lost', async () => {
    await waitUntil(() => runner !== null, 1_000, 'the runner');
    await dropPrefix(prefix);
    const restored = await runner!.maintain();
    expect(restored.schedulersRestored).toBe(1);
    expect((await runner!.maintain()).schedulersRestored).toBe(0);
  });
});
