import { addressSchema, contactFieldsSchema, emergencyContactSchema } from '@caretracker/shared/users';
import { z } from 'zod';
import type { ContactField } from './contact-fields';

// The contact form's rules: each field by the shared schema's own rule (the API's), blanks as
// "not given", and the PUT /users/:id body built on submit.

const blank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const contact = contactFieldsSchema.shape;

// An address or emergency contact is all or nothing: once one part is given, these are needed too.
const GROUPS: readonly (readonly [readonly ContactField[], readonly ContactField[]])[] = [
  [
    ['addressLine1', 'addressLine2', 'city', 'state', 'postalCode'],
    ['addressLine1', 'city', 'postalCode'],
  ],
  [
    ['emergencyName', 'emergencyPhone', 'emergencyRelationship'],
    ['emergencyName', 'emergencyPhone'],
  ],
];

export const contactFormSchema = z
  .object({
    phone: optional(contact.phone),
    alternatePhone: optional(contact.alternatePhone),
    addressLine1: optional(addressSchema.shape.line1),
    addressLine2: optional(addressSchema.shape.line1),
    city: optional(addressSchema.shape.city),
    state: optional(addressSchema.shape.city),
    postalCode: optional(addressSchema.shape.postalCode),
    emergencyName: optional(emergencyContactSchema.shape.name),
    emergencyPhone: optional(emergencyContactSchema.shape.phone),
    emergencyRelationship: optional(emergencyContactSchema.shape.name),
  })
  .superRefine((values, ctx) => {
    for (const [fields, required] of GROUPS) {
      if (!fields.some((field) => values[field])) continue;
      for (const field of required) {
        if (!values[field]) {
          ctx.addIssue({ code: 'too_small', origin: 'string', minimum: 1, inclusive: true, path: [field], input: '' });
        }
      }
    }
  })
  .transform((values) => ({
    profile: {
      phone: values.phone ?? null,
      alternatePhone: values.alternatePhone ?? null,
      address: values.addressLine1
        ? {
            line1: values.addressLine1,
            line2: values.addressLine2 ?? null,
            city: values.city ?? '',
            state: values.state ?? null,
            postalCode: values.postalCode ?? '',
          }
        : null,
      emergencyContact: values.emergencyName
        ? {
            name: values.emergencyName,
            phone: values.emergencyPhone ?? '',
            relationship: values.emergencyRelationship ?? null,
          }
        : null,
    },
  }));
