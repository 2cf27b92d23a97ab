import { createHash } from 'node:crypto';

/**
 * What an audit row may hold. The trail keeps ids, statuses, codes, numbers and times verbatim;
 * it is read by people who may not read the records it describes (a supervisor removed from a
 * conversation still reads their team's events), so it must not become a copy of those records.
 *
 * - Secrets (anything named like a password, secret or token, a hash, one-time codes): `[redacted]`.
 * - Prose people write to each other or about care (message bodies and subjects, emergency
 *   messages, notes of every kind, reasons and descriptions, file names): `{ length, sha256 }`,
 *   enough to prove what was written against the record, which keeps the words under its own
 *   access rules (visit amendments and care plan versions keep every text).
 * - Identifiers sealed at rest (MRN, date of birth, insurance): `[encrypted]`, so the trail is
 *   not a clear copy of what the table encrypts.
 * - Session ids: a SHA-256 reference, so a session's rows still link without the id itself.
 *
 * Structured values stay: clinical codes (HIPAA wants their old and new values), names of things
 * (a care plan's title, a medication), profile fields, and in metadata the audit's own context (a
 * denial's rule, a break-glass justification, a no-show reason kept nowhere else). The same
 * rules run when rows are written and again when they are read, so rows written before a rule
 * existed are shaped alike.
 */
const SECRET_KEYS = /password|secret|token|hash$|^(code|codes|recoveryCodes?)$/i;
const FREE_TEXT_KEYS = new Set([
  'body',
  'subject',
  'message',
  'note',
  'notes',
  'privateNotes',
  'followUpNote',
  'reviewNotes',
  'resolutionNote',
  'decisionNote',
  'reasonNote',
  'cancellationReason',
  'prnReason',
  'statusReason',
  'description',
  'specialInstructions',
  'emergencyProtocol',
  'safetyNotes',
  'originalName',
  'comment',
]);
/**
 * In a record's old and new values `reason` is one of its fields (a dose refused, and why); in
 * metadata it is the audit's own context (a denial's rule, a break-glass justification, a no-show).
 */
const RECORD_TEXT_KEYS = new Set([...FREE_TEXT_KEYS, 'reason']);
/** Identifiers sealed at rest (medical record number, date of birth, insurance): the trail says they changed, not to what. */
const SEALED_KEYS = new Set(['dateOfBirth', 'medicalRecordNumber', 'insurance']);
export const SEALED_VALUE = '[encrypted]';
const SESSION_KEYS = new Set(['sessionId']);
const SESSION_REF = /^[0-9a-f]{64}$/;

export interface TextDigest {
  length: number;
  sha256: string;
}

/** Length and SHA-256 of a text, in place of the text. */
export function textDigest(text: string): TextDigest {
  return { length: text.length, sha256: createHash('sha256').update(text, 'utf8').digest('hex') };
}

/** A session's stable reference in the audit trail: the SHA-256 of its id (already one: unchanged). */
export function sessionRef(sessionId: string): string {
  return SESSION_REF.test(sessionId) ? sessionId : createHash('sha256').update(sessionId, 'utf8').digest('hex');
}

function minimise(key: string, value: unknown, textKeys: Set<string>): unknown {
  if (SECRET_KEYS.test(key)) return '[redacted]';
  if (SEALED_KEYS.has(key)) return value === null ? null : SEALED_VALUE;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') {
    if (textKeys.has(key)) return textDigest(value);
    if (SESSION_KEYS.has(key)) return sessionRef(value);
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => minimise(key, item, textKeys));
  if (value !== null && typeof value === 'object') return minimiseObject(value as Record<string, unknown>, textKeys);
  return value;
}

function minimiseObject(values: Record<string, unknown>, textKeys: Set<string>): Record<string, unknown> {
  // A key such as `profile.allergies` (changed fields of a nested record) is judged by its last part.
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, minimise(key.split('.').at(-1) ?? key, value, textKeys)]),
  );
}

const asRecord = (value: unknown) =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

/** A record's old or new values as the audit may keep them. */
export function auditRecordValues(values: unknown): Record<string, unknown> | null {
  const record = asRecord(values);
  return record ? minimiseObject(record, RECORD_TEXT_KEYS) : null;
}

/** An event's metadata as the audit may keep it. */
export function auditMetadata(values: unknown): Record<string, unknown> | null {
  const record = asRecord(values);
  return record ? minimiseObject(record, FREE_TEXT_KEYS) : null;
}

/** The entity id as the audit may keep it: sessions by reference. */
export function auditEntityId(entityType: string, entityId: string | null | undefined): string | null {
  if (!entityId) return null;
  return entityType === 'session' ? sessionRef(entityId) : entityId;
}
