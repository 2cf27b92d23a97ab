import { z } from 'zod';

/**
 * One of the signed-in user's live sessions (a device or browser they signed in on). The browser
 * and system are product names read from the user agent ("Chrome", "Android"), null when unknown;
 * the screens put them into words.
 */
export const mySessionSchema = z.object({
  id: z.uuid(),
  browser: z.string().nullable(),
  os: z.string().nullable(),
  /** A phone or tablet rather than a computer, when the user agent says so. */
  mobile: z.boolean(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime(),
  /** The session this request came from. */
  current: z.boolean(),
});
export type MySession = z.infer<typeof mySessionSchema>;

export const sessionIdParamsSchema = z.object({ id: z.uuid() });
export const endedSessionsSchema = z.object({ endedSessions: z.number().int().nonnegative() });
export type EndedSessions = z.infer<typeof endedSessionsSchema>;
