import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { type NotificationReader, notificationTime } from '@caretracker/shared/notification-words';
import { eq, inArray } from 'drizzle-orm';

const { profiles, users } = schema;

/** Who reads a notification: times are written in their own zone and language. */
export type Reader = NotificationReader;

/** A moment as the reader says it: "Wed, Dec 2, 9:00 AM" in their zone — never a UTC timestamp. */
export const localTime = notificationTime;

/** A person as notifications name them (in the app only, never in email); '' for nobody (no worker yet). */
export async function personName(executor: Executor, userId: string | null): Promise<string> {
  if (!userId) return '';
  const [row] = await executor
    .select({ first: users.firstName, last: users.lastName })
    .from(users)
    .where(eq(users.id, userId));
  return row ? `${row.first} ${row.last}` : '';
}

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
