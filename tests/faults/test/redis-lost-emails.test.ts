// Redis killed (no persistence: it comes back empty) while a burst of emails is queued behind a
// slow SMTP relay: every email is still delivered, exactly once. The jobs Redis forgot are queued
// again from the email outbox, which keeps each body (sealed) until it is sent; emails asked for
// while Redis is away go out directly; nothing is left PENDING or FAILED, and no one gets two.
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { type FaultApi, startFaultApi } from '../support/api';
import { call, sleep } from '../support/http';
import { recordFault, skipFault } from '../support/ledger';
import { runCluster } from '../support/postgres-cluster';
import { type OwnRedis, ownRedis, redisUnavailableReason } from '../support/redis-server';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { type Engine, openStore } from '../support/store';

const { cluster, problem: clusterProblem } = runCluster();

const FAULT = 'Redis lost its data with emails queued';
const API_PORT = 4210;
const SINK_PORT = 4211;
const problem = clusterProblem ?? redisUnavailableReason();
if (problem) skipFault(FAULT, problem);

/** Email jobs waiting in Redis (the BullMQ wait list of the email queue). */
async function emailsWaiting(url: string): Promise<number> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const keys = await client.keys('*:email:wait');
    let total = 0;
    for (const key of keys) total += await client.llen(key);
    return total;
  } finally {
    client.disconnect();
  }
}

/** The recipient of each message the sink accepted. */
const recipientOf = (raw: string) => /^To: (.+)$/im.exec(raw)?.[1]?.trim().toLowerCase() ?? '?';

describe.skipIf(problem !== null)(FAULT, () => {
  let redis: OwnRedis | null = null;
  let sink: SmtpSink | null = null;
  let api: FaultApi | null = null;
  afterAll(async () => {
    await api?.stop();
    await redis?.kill();
    await sink?.close();
  });

  it('delivers every email exactly once after Redis comes back empty', async () => {
    const engine: Engine = { kind: 'postgres', url: await cluster!.seededDatabase('faults_redis_mail') };
    const store = openStore(engine);
    const people = await store.query<{ email: string }>(
      `select email from users where is_active and deleted_at is null order by email limit 40`,
    );
    redis = ownRedis();
    await redis.start();
    // 300 ms a message, four at a time: the burst waits in Redis for seconds.
    sink = await startSmtpSink(SINK_PORT, { delayMs: 300 });
    api = await startFaultApi(API_PORT, engine, { REDIS_URL: redis.url, SMTP_URL: sink.url });
    const { base } = api;

    const before = people.slice(0, -6);
    const during = people.slice(-6);
    const asked = await Promise.all(
      before.map((person) => call(base, 'POST', '/auth/password/reset-request', { body: { email: person.email } })),
    );
    // Until some are delivered and the rest wait in Redis.
    for (let attempt = 0; attempt < 100 && sink.messages.length === 0; attempt++) await sleep(50);
    const queuedAtKill = await emailsWaiting(redis.url);
    await redis.kill();
    const deliveredBeforeKill = sink.messages.length;
    // Asked for while Redis is away.
    const askedDuring = await Promise.all(
      during.map((person) => call(base, 'POST', '/auth/password/reset-request', { body: { email: person.email } })),
    );
    await sleep(4_000);
    await redis.start();

    // Each replica looks for orphaned emails every 15 s and takes those older than 30 s.
    let outbox: Array<{ status: string; to_address: string }> = [];
    for (let attempt = 0; attempt < 90; attempt++) {
      outbox = await store.query(`select status, to_address from email_outbox`);
      if (outbox.length >= people.length && outbox.every((row) => row.status === 'SENT')) break;
      await sleep(1_000);
    }
    // A little longer: a second delivery of any of them would show up now.
    await sleep(3_000);
    outbox = await store.query(`select status, to_address from email_outbox`);
    await store.close();

    const perRecipient = new Map<string, number>();
    for (const raw of sink.messages) {
      const to = recipientOf(raw);
      perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    }
    const wanted = people.map((person) => person.email.toLowerCase());
    const missing = wanted.filter((email) => !perRecipient.has(email));
    const twice = [...perRecipient].filter(([, count]) => count > 1).map(([email]) => email);
    const notSent = outbox.filter((row) => row.status !== 'SENT');
    const refused = [...asked, ...askedDuring].filter((outcome) => outcome.status !== 202);

    recordFault({
      fault: FAULT,
      survived: missing.length === 0 && twice.length === 0 && notSent.length === 0 && refused.length === 0,
      requestsLost: missing.length + refused.length,
      recordsInconsistent: twice.length + notSent.length,
      note: `${people.length} emails (${during.length} asked for while Redis was away), ${deliveredBeforeKill} delivered before the kill and ${queuedAtKill} waiting in Redis; ${sink.messages.length} delivered in all, ${missing.length} missing, ${twice.length} twice`,
    });
    expect(
      refused.map((outcome) => outcome.status),
      'reset requests refused',
    ).toEqual([]);
    expect(queuedAtKill, 'email jobs waiting in Redis when it died').toBeGreaterThan(0);
    expect(missing, 'emails never delivered').toEqual([]);
    expect(twice, 'emails delivered twice').toEqual([]);
    expect(notSent, 'outbox rows not SENT').toEqual([]);
    expect(outbox.length).toBe(people.length);
  });
});
