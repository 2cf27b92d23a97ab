import type { AlertLevel, BudgetCategory } from '@caretracker/shared';
import type { BadgeTone } from '@/lib/vocabulary';

// Budget words as values without packages/shared at run time; `satisfies` keeps them in step.

export const BUDGET_CATEGORY_LIST = [
  'PERSONAL_CARE',
  'MEDICAL_SERVICES',
  'TRANSPORTATION',
  'HOME_MODIFICATIONS',
  'EMERGENCY_FUND',
  'OTHER',
] as const satisfies readonly BudgetCategory[];

export const ALERT_TONE: Record<AlertLevel, BadgeTone> = { NONE: 'success', WARNING: 'warning', CRITICAL: 'danger' };

/** A calendar date (YYYY-MM-DD) as an instant at its midday, so formatting in any zone keeps the day. */
export const onDay = (date: string) => `${date}T12:00:00Z`;
