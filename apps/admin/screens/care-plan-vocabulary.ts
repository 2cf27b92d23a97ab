import type { CarePlanStatus } from '@caretracker/shared';

// CARE_PLAN_TRANSITIONS of packages/shared as a value without zod at run time (the API still
// refuses any other move with a 409 that lists the allowed ones).
export const PLAN_TRANSITIONS: Record<CarePlanStatus, readonly CarePlanStatus[]> = {
  DRAFT: ['DISCONTINUED'],
  ACTIVE: ['ON_HOLD', 'COMPLETED', 'DISCONTINUED'],
  ON_HOLD: ['ACTIVE', 'COMPLETED', 'DISCONTINUED'],
  COMPLETED: [],
  DISCONTINUED: [],
};
