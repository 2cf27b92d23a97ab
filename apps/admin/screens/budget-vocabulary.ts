import type { AlertLevel } from '@caretracker/shared';
import type { BadgeTone } from '@/lib/vocabulary';

export const ALERT_TONE: Record<AlertLevel, BadgeTone> = { NONE: 'success', WARNING: 'warning', CRITICAL: 'danger' };

/** A calendar date (YYYY-MM-DD) as an instant at its midday, so formatting in any zone keeps the day. */
export const onDay = (date: string) => `${date}T12:00:00Z`;
