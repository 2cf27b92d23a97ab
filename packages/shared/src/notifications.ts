import { z } from 'zod';
import { paginationQuerySchema } from './envelope';

/** Categories the API raises today; preferences for them are listed even when never set. */
export const NOTIFICATION_CATEGORIES = [
  'MESSAGE',
  'EMERGENCY',
  'EMERGENCY_UPDATE',
  'VISIT_STATUS',
  'VISIT_REQUESTED',
  'VISIT_FOLLOW_UP',
  'MISSED_VISIT',
  'EVV_EXCEPTION',
  'VITALS_ALERT',
  'MEDICATION_NOT_GIVEN',
  'CARE_PLAN_REVIEW',
  'BUDGET_ALERT',
  'SECURITY_ALERT',
] as const;

/**
 * Emergency alerts and security alerts (a broken audit chain, a file failing its integrity check)
 * always reach the inbox and the mailbox: their preferences cannot be changed.
 */
export const LOCKED_NOTIFICATION_CATEGORIES: readonly string[] = ['EMERGENCY', 'SECURITY_ALERT'];

export const NOTIFICATION_CHANNELS = ['IN_APP', 'EMAIL'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** ON: in the inbox / emailed one by one; OFF: not at all; DIGEST (email only): batched into a periodic digest. */
export const NOTIFICATION_SETTINGS = ['ON', 'OFF', 'DIGEST'] as const;
export type NotificationSetting = (typeof NOTIFICATION_SETTINGS)[number];

/** What a user gets when they have not chosen: every notification in the inbox, non-urgent email in a digest. */
export const DEFAULT_NOTIFICATION_SETTING: Record<NotificationChannel, NotificationSetting> = {
  IN_APP: 'ON',
  EMAIL: 'DIGEST',
};

/** A category code: upper-case letters and underscores (modules may add categories of their own). */
export const notificationCategorySchema = z
  .string()
  .regex(/^[A-Z][A-Z_]{1,49}$/, 'must be a category code such as MESSAGE or VISIT_STATUS');

export const notificationViewSchema = z.object({
  id: z.uuid(),
  category: z.string(),
  title: z.string(),
  body: z.string(),
  /**
   * The apps render this key (with `messageParams`) in the reader's language; null on older rows,
   * which show `title` and `body` as stored.
   */
  messageKey: z.string().nullable(),
  /** The key's values: names, and times as ISO instants with the reader's `timeZone`. */
  messageParams: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
  entityType: z.string().nullable(),
  entityId: z.uuid().nullable(),
  urgent: z.boolean(),
  readAt: z.string().nullable(),
  emailedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type NotificationView = z.infer<typeof notificationViewSchema>;

export const listNotificationsQuerySchema = paginationQuerySchema.extend({
  unreadOnly: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuerySchema>;

export const unreadCountSchema = z.object({ unread: z.number().int() });
export const markedReadSchema = z.object({ marked: z.number().int() });

export const notificationPreferenceSchema = z.object({
  category: z.string(),
  channel: z.enum(NOTIFICATION_CHANNELS),
  setting: z.enum(NOTIFICATION_SETTINGS),
  /** False for categories that cannot be turned off (emergencies). */
  editable: z.boolean(),
  /** True when the user has not chosen and the default applies. */
  isDefault: z.boolean(),
});
export type NotificationPreferenceView = z.infer<typeof notificationPreferenceSchema>;

export const updateNotificationPreferencesBodySchema = z.strictObject({
  preferences: z
    .array(
      z
        .strictObject({
          category: notificationCategorySchema,
          channel: z.enum(NOTIFICATION_CHANNELS),
          setting: z.enum(NOTIFICATION_SETTINGS),
        })
        .refine((p) => !(p.channel === 'IN_APP' && p.setting === 'DIGEST'), {
          message: 'the in-app channel is ON or OFF; only email has a digest',
          path: ['setting'],
        }),
    )
    .min(1)
    .max(100),
});
export type UpdateNotificationPreferencesBody = z.infer<typeof updateNotificationPreferencesBodySchema>;
