import type { UserView } from '@caretracker/shared';

// The profile's contact fields as a flat form: one input per field, '' for empty. No zod here
// (contact-form-schema.ts holds the rules and loads after the page).

/** Form field → the API's address field. */
export const ADDRESS_FIELDS = {
  addressLine1: 'line1',
  addressLine2: 'line2',
  city: 'city',
  state: 'state',
  postalCode: 'postalCode',
} as const;
export const EMERGENCY_FIELDS = {
  emergencyName: 'name',
  emergencyPhone: 'phone',
  emergencyRelationship: 'relationship',
} as const;

export interface ContactFormValues {
  phone: string;
  alternatePhone: string;
  addressLine1: string;
  addressLine2: string;
  city: string;
  state: string;
  postalCode: string;
  emergencyName: string;
  emergencyPhone: string;
  emergencyRelationship: string;
}
export type ContactField = keyof ContactFormValues;

export const CONTACT_FIELDS: readonly ContactField[] = [
  'phone',
  'alternatePhone',
  ...(Object.keys(ADDRESS_FIELDS) as ContactField[]),
  ...(Object.keys(EMERGENCY_FIELDS) as ContactField[]),
];

/** The API's field paths for this form's fields (its 400s name `profile.address.line1`). */
export const CONTACT_RENAME: Record<string, ContactField> = {
  'profile.phone': 'phone',
  'profile.alternatePhone': 'alternatePhone',
  ...Object.fromEntries(Object.entries(ADDRESS_FIELDS).map(([form, api]) => [`profile.address.${api}`, form])),
  ...Object.fromEntries(
    Object.entries(EMERGENCY_FIELDS).map(([form, api]) => [`profile.emergencyContact.${api}`, form]),
  ),
};

/** The form's starting values from the user's record. */
export function contactFormValues(user: UserView): ContactFormValues {
  const profile = user.profile ?? {};
  return {
    phone: profile.phone ?? '',
    alternatePhone: profile.alternatePhone ?? '',
    addressLine1: profile.address?.line1 ?? '',
    addressLine2: profile.address?.line2 ?? '',
    city: profile.address?.city ?? '',
    state: profile.address?.state ?? '',
    postalCode: profile.address?.postalCode ?? '',
    emergencyName: profile.emergencyContact?.name ?? '',
    emergencyPhone: profile.emergencyContact?.phone ?? '',
    emergencyRelationship: profile.emergencyContact?.relationship ?? '',
  };
}
