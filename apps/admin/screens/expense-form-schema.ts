import { createExpenseBodySchema } from '@caretracker/shared/budgets';
import { z } from 'zod';

// The expense form's rules: the API's own fields, the amount typed in dollars.

const blank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const fields = createExpenseBodySchema.shape;

export const expenseFormSchema = z.object({
  category: fields.category,
  amount: z
    .string()
    .trim()
    .regex(/^\d{1,9}(\.\d{1,2})?$/)
    .refine((value) => Number(value) > 0),
  description: fields.description,
  incurredOn: fields.incurredOn,
  overrideReason: z.preprocess(blank, z.string().trim().min(1).max(500).optional()),
});
