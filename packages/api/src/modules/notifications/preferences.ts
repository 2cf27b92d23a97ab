import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import {
  DEFAULT_NOTIFICATION_SETTING,
  LOCKED_NOTIFICATION_CATEGORIES,
  type NotificationChannel,
  type NotificationSetting,
} from '@caretracker/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';

const { notificationPreferences } = schema;

export interface ChannelSettings {
  IN_APP: NotificationSetting;
  EMAIL: NotificationSetting;
}

/** Emergencies bypass preferences: always in the inbox, always emailed at once. */
export const isLockedCategory = (category: string) => LOCKED_NOTIFICATION_CATEGORIES.includes(category);

/** Each user's settings for one category, defaults filled in for what they never chose. */
export async function settingsFor(
  executor: Executor,
  userIds: string[],
  category: string,
): Promise<Map<string, ChannelSettings>> {
  const settings = new Map<string, ChannelSettings>(userIds.map((id) => [id, { ...DEFAULT_NOTIFICATION_SETTING }]));
  if (isLockedCategory(category) || userIds.length === 0) return settings;
  const rows = await executor
    .select()
    .from(notificationPreferences)
    .where(and(inArray(notificationPreferences.userId, userIds), eq(notificationPreferences.category, category)));
  for (const row of rows) {
    const current = settings.get(row.userId);
    if (current) current[row.channel as NotificationChannel] = row.enabled;
  }
  return settings;
}

/** SQL: true when the notification's owner turned the in-app channel off for its category (hidden from the inbox). */
export const hiddenInApp = (userId: unknown, category: unknown) =>
  sql`exists (select 1 from ${notificationPreferences} p where p.user_id = ${userId}
    and p.category = ${category} and p.channel = 'IN_APP' and p.enabled = 'OFF')`;

/** SQL: the owner's EMAIL setting for the notification's category ('DIGEST' when never chosen). */
export const emailSetting = (userId: unknown, category: unknown) =>
  sql<NotificationSetting>`coalesce((select p.enabled from ${notificationPreferences} p where p.user_id = ${userId}
    and p.category = ${category} and p.channel = 'EMAIL'), ${DEFAULT_NOTIFICATION_SETTING.EMAIL})`;
