/**
 * The categories a budget is allocated and spent in. Kept free of zod so the apps can import the
 * list at run time (`@caretracker/shared/budget-categories`) without the schema library.
 */
export const BUDGET_CATEGORIES = [
  'PERSONAL_CARE',
  'MEDICAL_SERVICES',
  'TRANSPORTATION',
  'HOME_MODIFICATIONS',
  'EMERGENCY_FUND',
  'OTHER',
] as const;
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];
