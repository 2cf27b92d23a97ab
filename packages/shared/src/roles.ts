export const ROLES = ['CLIENT', 'WORKER', 'SUPERVISOR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that must use multi-factor authentication to sign in. */
export const MFA_REQUIRED_ROLES: readonly Role[] = ['ADMIN'];

/** Data classification recorded on every audited table and event. */
export const DATA_CLASSIFICATIONS = ['PUBLIC', 'INTERNAL', 'PII', 'PHI', 'SECURITY'] as const;
export type DataClassification = (typeof DATA_CLASSIFICATIONS)[number];
