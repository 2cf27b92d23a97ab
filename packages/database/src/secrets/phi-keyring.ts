import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Field-level encryption of the identifiers that single a client out (medical record number,
 * date of birth, insurance): AES-256-GCM in the application, so a copy of the database or of a
 * backup holds none of them in clear text. Each value names the key that sealed it:
 * `phi:v1:<key id>:<iv>.<tag>.<ciphertext>` (base64url), so keys rotate without downtime: the new
 * key seals, the old ones still open, and `pnpm database:reencrypt-phi` moves every value over.
 *
 * Equality lookups (an MRN typed into search, the unique MRN rule) go through a keyed hash
 * (HMAC-SHA256 under a key derived from the data key), never the clear value.
 *
 * The keys live in one process-wide ring because the columns open and seal values inside the
 * query builder (`schema/sealed-columns.ts`), where no request context reaches. The server and
 * the seed register the installation's keys at start; the newest registered key seals.
 */

const PREFIX = 'phi:v1:';
const SEAL_INFO = 'caretracker phi seal v1';
const LOOKUP_INFO = 'caretracker phi lookup v1';

interface RingKey {
  id: string;
  key: Buffer;
  lookupKey: Buffer;
}

const ring = new Map<string, RingKey>();
let current: RingKey | null = null;

export class PhiKeyMissingError extends Error {
  override name = 'PhiKeyMissingError';
}

/** The short public name of a data key: the first 8 bytes of its SHA-256, hex. */
export function phiKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

function ringKey(key: Buffer): RingKey {
  if (key.length !== 32) throw new Error('a PHI key must be 32 bytes');
  // Sub-keys of the data key, so the TOTP box's use of the same key never meets these.
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), info, 32));
  return { id: phiKeyId(key), key: derive(SEAL_INFO), lookupKey: derive(LOOKUP_INFO) };
}

/**
 * Registers the installation's data keys (DATA_ENCRYPTION_KEY and DATA_ENCRYPTION_KEYS_PREVIOUS): `current` seals from now on, `previous` (retired keys whose
 * values are not all re-encrypted yet) still open. Keys registered earlier in the process stay
 * readable too.
 */
export function registerPhiKeys(currentKey: Buffer, previous: readonly Buffer[] = []): void {
  for (const key of previous) {
    const entry = ringKey(key);
    if (!ring.has(entry.id)) ring.set(entry.id, entry);
  }
  const entry = ringKey(currentKey);
  ring.set(entry.id, entry);
  current = entry;
}

/** The key id new values are sealed under (null before any key is registered). */
export function currentPhiKeyId(): string | null {
  return current?.id ?? null;
}

function currentKey(): RingKey {
  if (!current) throw new PhiKeyMissingError('no PHI key is registered (registerPhiKeys at start)');
  return current;
}

export const isSealedPhi = (value: string): boolean => value.startsWith(PREFIX);

/** The id of the key a stored value was sealed under, or null for a clear (legacy) value. */
export function sealedPhiKeyId(value: string): string | null {
  if (!isSealedPhi(value)) return null;
  return value.slice(PREFIX.length).split(':', 1)[0] ?? null;
}

export function sealPhi(plain: string): string {
  const { id, key } = currentKey();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(id));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${PREFIX}${id}:${[iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.')}`;
}

/**
 * Opens a sealed value. A value without the prefix is a row written before encryption existed:
 * it is returned as it is (the server seals such rows at start, `sealPlainPhi`).
 */
export function openPhi(value: string): string {
  const keyId = sealedPhiKeyId(value);
  if (keyId === null) return value;
  const entry = ring.get(keyId);
  if (!entry) {
    throw new PhiKeyMissingError(
      `a value is sealed under key ${keyId}, which is not configured (add it to DATA_ENCRYPTION_KEYS_PREVIOUS)`,
    );
  }
  const [iv, tag, body] = value
    .slice(PREFIX.length + keyId.length + 1)
    .split('.')
    .map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !body) throw new Error('sealed PHI value is malformed');
  const decipher = createDecipheriv('aes-256-gcm', entry.key, iv);
  decipher.setAAD(Buffer.from(keyId));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

/** How an identifier is compared: trimmed, upper case (MRNs are typed in either case). */
const normalise = (value: string) => value.trim().toUpperCase();

/** The keyed hash stored beside a sealed identifier, under the current key. */
export function phiLookupHash(value: string): string {
  return createHmac('sha256', currentKey().lookupKey).update(normalise(value)).digest('hex');
}

/**
 * Every hash a value may be stored under while keys rotate (current first): a lookup matches
 * rows not yet re-encrypted as well.
 */
export function phiLookupHashes(value: string): string[] {
  const first = currentKey();
  const rest = [...ring.values()].filter((entry) => entry.id !== first.id);
  return [first, ...rest].map((entry) => createHmac('sha256', entry.lookupKey).update(normalise(value)).digest('hex'));
}

/**
 * A profile's columns with the MRN's lookup hash beside the MRN (when the MRN is being written):
 * every writer of `profiles` goes through this so the hash never falls out of step.
 */
export function withMrnHash<T extends { medicalRecordNumber?: string | null | undefined }>(
  columns: T,
): T & { medicalRecordNumberHash?: string | null } {
  if (columns.medicalRecordNumber === undefined) return columns;
  const mrn = columns.medicalRecordNumber;
  return { ...columns, medicalRecordNumberHash: mrn ? phiLookupHash(mrn) : null };
}
