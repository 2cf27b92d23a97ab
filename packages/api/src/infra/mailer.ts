import type { Database } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { and, eq, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';
import { currentContext } from '../context/request-context';
import { mailErrorFields } from './log-fields';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/**
 * A queued email job: only the outbox row's id. The body waits in the row, sealed, until it is
 * delivered (`text` is read from jobs queued by an older version, which carried the body).
 */
export interface EmailJobData {
  outboxId: string;
  requestId: string;
  to?: string;
  subject?: string;
  text?: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** From now on `send` queues mail through `enqueue` (the BullMQ runner sets this; null: send directly). */
  useQueue(enqueue: ((data: EmailJobData) => Promise<void>) | null): void;
  /**
   * One delivery attempt of queued mail; throws so the queue retries. The last attempt marks the
   * row FAILED. Claims the row first: a row already sent, or being sent by someone else, is left alone.
   */
  deliverQueued(data: EmailJobData, attempt: { number: number; final: boolean }): Promise<void>;
  /**
   * An admin's "try again" on a failed email: the FAILED row is PENDING again, so the next
   * delivery attempt sends it (its body was kept, sealed). False when there is no such failed row
   * with its body (not an email id, already sent or retried, or failed before bodies were kept).
   */
  requeueFailed(outboxId: string): Promise<boolean>;
  /** Undoes `requeueFailed` when its job could not be queued again (the row is FAILED once more). */
  markFailedAgain(outboxId: string): Promise<void>;
  /**
   * PENDING rows older than `olderThanMs` that no attempt holds: their job may have been lost
   * (Redis restarted without its data, or the process died before queueing it). The caller queues
   * them again (under the row's id, so a job still in the queue is not doubled).
   */
  orphans(olderThanMs: number, limit?: number): Promise<EmailJobData[]>;
  close(): void;
}

const { emailOutbox } = schema;
const QUEUED_BODY = '[queued for SMTP; body sealed until delivered]';
const SENT_BODY = '[delivered by SMTP; body not kept]';
const FAILED_BODY = '[delivery failed; body not kept]';
/** How long one delivery attempt holds its row; past it, the row may be taken again (the holder died). */
const CLAIM_SECONDS = 120;
/** How long `send` waits for the queue before sending at once (Redis away: an alert must not wait for it). */
const ENQUEUE_TIMEOUT_MS = 3_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

export function createMailer(options: {
  smtpUrl?: string | undefined;
  from: string;
  db: Database;
  log: FastifyBaseLogger;
}): Mailer {
  const { db, log } = options;
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  let enqueue: ((data: EmailJobData) => Promise<void>) | null = null;

  const deliver = (mail: Mail) =>
    transport!.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text });

  /** Takes a PENDING row for one attempt (null: sent, failed, or held by another attempt). */
  async function claim(outboxId: string) {
    const [row] = await db
      .update(emailOutbox)
      .set({ claimedUntil: sql`now() + make_interval(secs => ${CLAIM_SECONDS})` })
      .where(
        and(
          eq(emailOutbox.id, outboxId),
          eq(emailOutbox.status, 'PENDING'),
          or(isNull(emailOutbox.claimedUntil), lt(emailOutbox.claimedUntil, sql`now()`)),
        ),
      )
      .returning({
        to: emailOutbox.toAddress,
        subject: emailOutbox.subject,
        body: emailOutbox.pendingBody,
        attempts: emailOutbox.attempts,
      });
    return row ?? null;
  }

  /** One attempt on a claimed row: SENT (body dropped) or, on error, released for the next try. */
  async function attemptClaimed(outboxId: string, mail: Mail, attempt: { number: number; final: boolean }) {
    try {
      await deliver(mail);
    } catch (error) {
      await db
        .update(emailOutbox)
        .set({
          attempts: attempt.number,
          lastError: errorText(error),
          claimedUntil: null,
          // Given up: the sealed body stays for an admin's retry (retention clears it later).
          ...(attempt.final ? { status: 'FAILED' as const, textBody: FAILED_BODY } : {}),
        })
        .where(eq(emailOutbox.id, outboxId));
      throw error;
    }
    await db
      .update(emailOutbox)
      .set({
        status: 'SENT',
        attempts: attempt.number,
        sentAt: new Date(),
        textBody: SENT_BODY,
        pendingBody: null,
        claimedUntil: null,
        lastError: null,
      })
      .where(eq(emailOutbox.id, outboxId));
  }

  async function sendDirectly(mail: Mail, outboxId?: string) {
    if (outboxId) {
      // The queue may still take the job later (Redis back): the claim makes one of them send it.
      const claimed = await claim(outboxId);
      if (!claimed) return;
      try {
        await attemptClaimed(outboxId, mail, { number: claimed.attempts + 1, final: true });
      } catch (error) {
        log.error({ err: mailErrorFields(error), outboxId, subject: mail.subject }, 'email delivery failed');
      }
      return;
    }
    try {
      await deliver(mail);
      const sent = { textBody: SENT_BODY, status: 'SENT' as const, attempts: 1, sentAt: new Date(), lastError: null };
      await db.insert(emailOutbox).values({ toAddress: mail.to, subject: mail.subject, ...sent });
    } catch (error) {
      log.error({ err: mailErrorFields(error), outboxId, subject: mail.subject }, 'email delivery failed');
      const failed = { textBody: FAILED_BODY, status: 'FAILED' as const, attempts: 1, lastError: errorText(error) };
      await db.insert(emailOutbox).values({ toAddress: mail.to, subject: mail.subject, ...failed });
    }
  }

  return {
    async send(mail) {
      if (!transport) {
        const [kept] = await db
          .insert(emailOutbox)
          .values({ toAddress: mail.to, subject: mail.subject, textBody: mail.text, status: 'LOGGED' })
          .returning({ id: emailOutbox.id });
        // The outbox row, not the address: addresses carry names.
        log.info({ outboxId: kept?.id, subject: mail.subject }, 'email kept in the outbox (no SMTP_URL configured)');
        return;
      }
      if (!enqueue) return sendDirectly(mail);
      const [row] = await db
        .insert(emailOutbox)
        .values({
          toAddress: mail.to,
          subject: mail.subject,
          textBody: QUEUED_BODY,
          pendingBody: mail.text,
          status: 'PENDING',
        })
        .returning({ id: emailOutbox.id });
      if (!row) throw new Error('outbox insert failed');
      let timer: NodeJS.Timeout | undefined;
      try {
        // The queue's connection waits for Redis rather than failing: give it a few seconds.
        await Promise.race([
          enqueue({ outboxId: row.id, requestId: currentContext().requestId }),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('the email queue did not answer')), ENQUEUE_TIMEOUT_MS);
          }),
        ]);
      } catch (error) {
        // The queue is unreachable: an alert that waits for Redis may come too late, so send now.
        log.warn({ err: error, outboxId: row.id, subject: mail.subject }, 'email queue unavailable; sending directly');
        await sendDirectly(mail, row.id);
      } finally {
        clearTimeout(timer);
      }
    },

    useQueue(next) {
      enqueue = next;
    },

    async deliverQueued(data, attempt) {
      if (!transport) throw new Error('SMTP_URL is not configured');
      // A retry after a crash between sending and recording must not send twice, nor two workers at once.
      const claimed = await claim(data.outboxId);
      if (!claimed) return;
      const text = claimed.body ?? data.text;
      if (text === undefined || text === null) {
        // Queued by an older version whose job lost the body: nothing left to send.
        await db
          .update(emailOutbox)
          .set({ status: 'FAILED', textBody: FAILED_BODY, lastError: 'body lost', claimedUntil: null })
          .where(eq(emailOutbox.id, data.outboxId));
        return;
      }
      await attemptClaimed(data.outboxId, { to: claimed.to, subject: claimed.subject, text }, attempt);
    },

    async requeueFailed(outboxId) {
      if (!UUID.test(outboxId)) return false;
      const rows = await db
        .update(emailOutbox)
        .set({ status: 'PENDING', textBody: QUEUED_BODY, claimedUntil: null })
        .where(and(eq(emailOutbox.id, outboxId), eq(emailOutbox.status, 'FAILED'), isNotNull(emailOutbox.pendingBody)))
        .returning({ id: emailOutbox.id });
      return rows.length > 0;
    },

    async markFailedAgain(outboxId) {
      await db
        .update(emailOutbox)
        .set({ status: 'FAILED', textBody: FAILED_BODY })
        .where(and(eq(emailOutbox.id, outboxId), eq(emailOutbox.status, 'PENDING')));
    },

    async orphans(olderThanMs, limit = 200) {
      const rows = await db
        .select({ id: emailOutbox.id })
        .from(emailOutbox)
        .where(
          and(
            eq(emailOutbox.status, 'PENDING'),
            lt(emailOutbox.createdAt, sql`now() - make_interval(secs => ${olderThanMs / 1000})`),
            or(isNull(emailOutbox.claimedUntil), lt(emailOutbox.claimedUntil, sql`now()`)),
          ),
        )
        .orderBy(emailOutbox.createdAt)
        .limit(limit);
      return rows.map((row) => ({ outboxId: row.id, requestId: `email-redrive:${row.id}` }));
    },

    close() {
      transport?.close();
    },
  };
}
