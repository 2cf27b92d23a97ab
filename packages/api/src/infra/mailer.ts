import type { Database } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';
import { currentContext } from '../context/request-context';
import { mailErrorFields } from './log-fields';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** A queued email: the body travels in the job (not the outbox, not the logs) until delivered. */
export interface EmailJobData extends Mail {
  outboxId: string;
  requestId: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** From now on `send` queues mail through `enqueue` (the BullMQ runner sets this; null: send directly). */
  useQueue(enqueue: ((data: EmailJobData) => Promise<void>) | null): void;
  /** One delivery attempt of queued mail; throws so the queue retries. The last attempt marks the row FAILED. */
  deliverQueued(data: EmailJobData, attempt: { number: number; final: boolean }): Promise<void>;
  close(): void;
}

const { emailOutbox } = schema;
const QUEUED_BODY = '[queued for SMTP; body held by the delivery job]';
const SENT_BODY = '[delivered by SMTP; body not kept]';
const FAILED_BODY = '[delivery failed; body not kept]';
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

/**
 * Sends through `SMTP_URL`. Without it, mail is kept in the outbox table (the local mailbox) and
 * only its outbox id and subject are logged, so tokens and addresses never reach the logs. With a queue, the
 * outbox row goes PENDING → SENT or FAILED, with attempts and the last error; once sent by SMTP
 * no body is kept anywhere.
 */
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

  async function sendDirectly(mail: Mail, outboxId?: string) {
    try {
      await deliver(mail);
      const sent = { textBody: SENT_BODY, status: 'SENT' as const, attempts: 1, sentAt: new Date(), lastError: null };
      if (outboxId) await db.update(emailOutbox).set(sent).where(eq(emailOutbox.id, outboxId));
      else await db.insert(emailOutbox).values({ toAddress: mail.to, subject: mail.subject, ...sent });
    } catch (error) {
      log.error({ err: mailErrorFields(error), outboxId, subject: mail.subject }, 'email delivery failed');
      const failed = { textBody: FAILED_BODY, status: 'FAILED' as const, attempts: 1, lastError: errorText(error) };
      if (outboxId) await db.update(emailOutbox).set(failed).where(eq(emailOutbox.id, outboxId));
      else await db.insert(emailOutbox).values({ toAddress: mail.to, subject: mail.subject, ...failed });
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
        .values({ toAddress: mail.to, subject: mail.subject, textBody: QUEUED_BODY, status: 'PENDING' })
        .returning({ id: emailOutbox.id });
      if (!row) throw new Error('outbox insert failed');
      try {
        await enqueue({ ...mail, outboxId: row.id, requestId: currentContext().requestId });
      } catch (error) {
        // The queue is unreachable: an alert that waits for Redis may come too late, so send now.
        log.warn({ err: error, outboxId: row.id, subject: mail.subject }, 'email queue unavailable; sending directly');
        await sendDirectly(mail, row.id);
      }
    },

    useQueue(next) {
      enqueue = next;
    },

    async deliverQueued(data, attempt) {
      if (!transport) throw new Error('SMTP_URL is not configured');
      // A retry after a crash between sending and recording must not send twice.
      const [row] = await db
        .select({ status: emailOutbox.status })
        .from(emailOutbox)
        .where(eq(emailOutbox.id, data.outboxId));
      if (row?.status !== 'PENDING') return;
      try {
        await deliver(data);
      } catch (error) {
        await db
          .update(emailOutbox)
          .set({
            attempts: attempt.number,
            lastError: errorText(error),
            ...(attempt.final ? { status: 'FAILED' as const, textBody: FAILED_BODY } : {}),
          })
          .where(eq(emailOutbox.id, data.outboxId));
        throw error;
      }
      await db
        .update(emailOutbox)
        .set({ status: 'SENT', attempts: attempt.number, sentAt: new Date(), textBody: SENT_BODY })
        .where(eq(emailOutbox.id, data.outboxId));
    },

    close() {
      transport?.close();
    },
  };
}
