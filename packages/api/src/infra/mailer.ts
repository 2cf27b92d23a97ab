import type { Database } from '@caretracker/database';
import { schema } from '@caretracker/database';
import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/**
 * Sends through `SMTP_URL`. Without it, mail is kept in the outbox table (the local mailbox) and
 * only its recipient and subject are logged, so tokens never reach the logs.
 */
export function createMailer(options: {
  smtpUrl?: string | undefined;
  from: string;
  db: Database;
  log: FastifyBaseLogger;
}): Mailer {
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  return {
    async send(mail) {
      if (!transport) {
        await options.db.insert(schema.emailOutbox).values({
          toAddress: mail.to,
          subject: mail.subject,
          textBody: mail.text,
          status: 'LOGGED',
        });
        options.log.info({ to: mail.to, subject: mail.subject }, 'email kept in the outbox (no SMTP_URL configured)');
        return;
      }
      try {
        await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text });
        await options.db.insert(schema.emailOutbox).values({
          toAddress: mail.to,
          subject: mail.subject,
          textBody: '[delivered by SMTP; body not kept]',
          status: 'SENT',
          attempts: 1,
          sentAt: new Date(),
        });
      } catch (error) {
        options.log.error({ err: error, subject: mail.subject }, 'email delivery failed');
        await options.db.insert(schema.emailOutbox).values({
          toAddress: mail.to,
          subject: mail.subject,
          textBody: '[delivery failed; body not kept]',
          status: 'FAILED',
          attempts: 1,
          lastError: error instanceof Error ? error.message : String(error),
        });
      }
    },
    close() {
      transport?.close();
    },
  };
}
