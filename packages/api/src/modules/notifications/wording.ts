import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { inArray } from 'drizzle-orm';

const { profiles } = schema;

/** Who reads a notification: times are written in their own zone and language. */
export interface Reader {
  timeZone: string;
  language: 'en' | 'es';
}

/** A notification's title or body: fixed, or written for each reader (a time in their zone). */
export type Worded = string | ((reader: Reader) => string);

const LOCALES: Record<Reader['language'], string> = { en: 'en-US', es: 'es-ES' };

/** A moment as the reader says it: "Wed, Dec 2, 9:00 AM" in their zone — never a UTC timestamp. */
export function localTime(at: Date, reader: Reader): string {
  return new Intl.DateTimeFormat(LOCALES[reader.language], {
    timeZone: reader.timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(at);
}

export const isWorded = (value: Worded): value is (reader: Reader) => string => typeof value === 'function';

/** Each user's zone and language from their profile; the agency's zone and English where unset. */
export async function readersOf(executor: Executor, userIds: string[], agencyTimeZone: string) {
  const rows =
    userIds.length === 0
      ? []
      : await executor
          .select({ userId: profiles.userId, timezone: profiles.timezone, language: profiles.preferredLanguage })
          .from(profiles)
          .where(inArray(profiles.userId, userIds));
  const byUser = new Map(rows.map((row) => [row.userId, row]));
  return (userId: string): Reader => {
    const row = byUser.get(userId);
    return {
      timeZone: row?.timezone || agencyTimeZone,
      language: row?.language === 'es' ? 'es' : 'en',
    };
  };
}
