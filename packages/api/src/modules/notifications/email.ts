import { NOTIFICATION_EMAIL_FRAME, notificationTime, wordNotification } from '@caretracker/shared/notification-words';
import type { Mail } from '../../infra/mailer';
import type { Reader } from './wording';

/** What an email needs of a stored notification. */
export interface EmailedRow {
  title: string;
  body: string;
  messageKey: string | null;
  messageParams: Record<string, string | number> | null;
  createdAt: Date;
}

/** The row's words in the reader's language, times in the zone stored with it (else theirs); older rows keep their stored text. */
function wordsOf(row: EmailedRow, reader: Reader) {
  const { timeZone, ...params } = row.messageParams ?? {};
  const zoned = { language: reader.language, timeZone: typeof timeZone === 'string' ? timeZone : reader.timeZone };
  return { zoned, words: (row.messageKey && wordNotification(row.messageKey, params, zoned)) || row };
}

/** One notification, emailed on its own. */
export function notificationEmail(row: EmailedRow, reader: Reader): Omit<Mail, 'to'> {
  const { words } = wordsOf(row, reader);
  const frame = NOTIFICATION_EMAIL_FRAME[reader.language];
  return {
    subject: `CareTracker: ${words.title}`,
    text: `${words.body}\n\n${frame.details}`,
  };
}

/** Several notifications in one email, each with the time it came in the reader's zone. */
export function digestEmail(rows: EmailedRow[], reader: Reader): Omit<Mail, 'to'> {
  const frame = NOTIFICATION_EMAIL_FRAME[reader.language];
  const lines = rows.map((row) => {
    const { zoned, words } = wordsOf(row, reader);
    return `- ${notificationTime(row.createdAt, zoned)}  ${words.title}: ${words.body}`;
  });
  return {
    subject: frame.digestSubject(rows.length),
    text: `${frame.digestIntro}\n\n${lines.join('\n')}\n\n${frame.details}`,
  };
}
