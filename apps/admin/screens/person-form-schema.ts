import { emailSchema, passwordInputSchema } from '@caretracker/shared/auth';
import { contactFieldsSchema, profileFieldsSchema } from '@caretracker/shared/users';
import { z } from 'zod';

// The people forms' rules, each field by the shared schema's own rule (the API's); blanks mean
// "not given". Loaded after the page (see SchemaLoader): zod stays out of the route's first JS.

const blank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const name = z.string().trim().min(1).max(100);

export const newPersonSchema = z.object({
  role: z.enum(['CLIENT', 'WORKER', 'SUPERVISOR', 'ADMIN']),
  firstName: name,
  lastName: name,
  email: emailSchema,
  password: passwordInputSchema,
  phone: optional(contactFieldsSchema.shape.phone),
});

export const personDetailsSchema = z.object({
  firstName: name,
  lastName: name,
  email: optional(emailSchema),
  phone: optional(contactFieldsSchema.shape.phone),
  dateOfBirth: optional(profileFieldsSchema.shape.dateOfBirth),
  medicalRecordNumber: optional(profileFieldsSchema.shape.medicalRecordNumber),
  hourlyRate: optional(z.string().regex(/^\d{1,5}(\.\d{1,2})?$/)),
});
