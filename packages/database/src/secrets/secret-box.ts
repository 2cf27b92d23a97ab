import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';

/** A stored value that is not sealed by this box: written in plain text, or by something else. */
export class UnsealedSecretError extends Error {
  override name = 'UnsealedSecretError';
  constructor() {
    super('the stored secret is not sealed (no enc:v1: prefix); it is refused rather than read as plain text');
  }
}

export const isSealed = (value: string): boolean => value.startsWith(PREFIX);

export type SecretBox = ReturnType<typeof createSecretBox>;

/**
 * AES-256-GCM for secrets the server must read back (TOTP secrets), so a copy of the database
 * alone does not let anyone generate a user's codes. Sealed values look like
 * `enc:v1:<iv>.<tag>.<ciphertext>` (base64url); a tampered value fails to open.
 */
export function createSecretBox(key: Buffer, previous: readonly Buffer[] = []) {
  if ([key, ...previous].some((k) => k.length !== 32)) throw new Error('the data encryption key must be 32 bytes');
  return {
    seal(plain: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${PREFIX}${[iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.')}`;
    },
    /** Opens a sealed value; a value without the prefix is refused, never taken as plain text. */
    open(value: string): string {
      if (!isSealed(value)) throw new UnsealedSecretError();
      const [iv, tag, body] = value
        .slice(PREFIX.length)
        .split('.')
        .map((part) => Buffer.from(part, 'base64url'));
      if (!iv || !tag || !body) throw new Error('sealed value is malformed');
      let failure: unknown;
      // The current key first, then keys retired by a rotation whose values are not resealed yet.
      for (const candidate of [key, ...previous]) {
        try {
          const decipher = createDecipheriv('aes-256-gcm', candidate, iv);
          decipher.setAuthTag(tag);
          return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
        } catch (error) {
          failure = error;
        }
      }
      throw failure;
    },
  };
}
