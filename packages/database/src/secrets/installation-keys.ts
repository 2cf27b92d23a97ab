import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDirectory } from '../env';

/**
 * The public development JWT secret of earlier releases: a known key, refused outside
 * development and test. Tests sign with it (it is the test default).
 */
export const DEVELOPMENT_JWT_SECRET = 'development-secret-key-change-in-production';
/** The fixed data encryption key of NODE_ENV=test (public, like the test JWT secret). */
const TEST_DATA_ENCRYPTION_KEY = createHash('sha256').update('caretracker-test-data-encryption-key').digest();

export const KEY_FILES = { jwtSecret: 'jwt-secret', dataEncryptionKey: 'data-encryption-key' } as const;

export interface KeyEnvironment {
  NODE_ENV?: string | undefined;
  DATA_DIR?: string | undefined;
  JWT_SECRET?: string | undefined;
  DATA_ENCRYPTION_KEY?: string | undefined;
  /** Retired data keys, base64, comma-separated: still opened until `database:reencrypt-phi` has run. */
  DATA_ENCRYPTION_KEYS_PREVIOUS?: string | undefined;
}

export class MissingKeyError extends Error {
  override name = 'MissingKeyError';
  constructor(
    readonly variable: 'JWT_SECRET' | 'DATA_ENCRYPTION_KEY' | 'DATA_ENCRYPTION_KEYS_PREVIOUS',
    message: string,
  ) {
    super(message);
  }
}

/** Keys made for an in-memory database live as long as the process, like its data. */
const ephemeral = new Map<string, string>();

/**
 * This installation's key `name`: read from `<data dir>/keys/<name>`, or made with `generate` and
 * written there (mode 0600) on first use. Two processes starting at once end up with the same key:
 * the file appears whole (written aside, then hard-linked into place) and the first one wins.
 */
function installationKey(env: KeyEnvironment, name: string, generate: () => string): string {
  const dataDir = dataDirectory(env);
  if (!dataDir) {
    const key = `${env.DATA_DIR}:${name}`;
    if (!ephemeral.has(key)) ephemeral.set(key, generate());
    return ephemeral.get(key) as string;
  }
  const dir = join(dataDir, 'keys');
  const file = join(dir, name);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(aside, `${generate()}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(aside, file);
    chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(aside);
  }
  return readFileSync(file, 'utf8').trim();
}

const needsConfiguredKeys = (env: KeyEnvironment) =>
  (env.NODE_ENV ?? 'development') !== 'development' && env.NODE_ENV !== 'test';

/**
 * The HS256 key for access tokens: JWT_SECRET when set; in development a random key kept under
 * the data directory (made on first start); in test the public development secret. Staging and
 * production must set it.
 */
export function jwtSecretFor(env: KeyEnvironment): string {
  if (env.JWT_SECRET) return env.JWT_SECRET;
  if (env.NODE_ENV === 'test') return DEVELOPMENT_JWT_SECRET;
  if (needsConfiguredKeys(env)) {
    throw new MissingKeyError('JWT_SECRET', `required when NODE_ENV is ${env.NODE_ENV} (openssl rand -base64 48)`);
  }
  const secret = installationKey(env, KEY_FILES.jwtSecret, () => randomBytes(48).toString('base64url'));
  if (Buffer.byteLength(secret) < 32) {
    throw new MissingKeyError(
      'JWT_SECRET',
      `${KEY_FILES.jwtSecret} under the data directory holds under 32 bytes; delete it to make a new one`,
    );
  }
  return secret;
}

/**
 * The 32-byte key that seals secrets at rest (TOTP secrets): DATA_ENCRYPTION_KEY (base64) when
 * set; in development a random key kept under the data directory; in test a fixed public key.
 * Staging and production must set it. The seed and the server both call this, so what the seed
 * seals the server can open.
 */
export function dataEncryptionKeyFor(env: KeyEnvironment): Buffer {
  const key = env.DATA_ENCRYPTION_KEY
    ? env.DATA_ENCRYPTION_KEY
    : env.NODE_ENV === 'test'
      ? TEST_DATA_ENCRYPTION_KEY.toString('base64')
      : needsConfiguredKeys(env)
        ? null
        : installationKey(env, KEY_FILES.dataEncryptionKey, () => randomBytes(32).toString('base64'));
  if (key === null) {
    throw new MissingKeyError(
      'DATA_ENCRYPTION_KEY',
      `required when NODE_ENV is ${env.NODE_ENV} (openssl rand -base64 32)`,
    );
  }
  const bytes = Buffer.from(key, 'base64');
  if (bytes.length !== 32) {
    throw new MissingKeyError('DATA_ENCRYPTION_KEY', 'must be 32 bytes, base64-encoded (openssl rand -base64 32)');
  }
  return bytes;
}

/** The retired data keys of DATA_ENCRYPTION_KEYS_PREVIOUS (each 32 bytes, base64), in the order given. */
export function previousDataEncryptionKeysFor(env: KeyEnvironment): Buffer[] {
  const listed = (env.DATA_ENCRYPTION_KEYS_PREVIOUS ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
  return listed.map((value) => {
    const bytes = Buffer.from(value, 'base64');
    if (bytes.length !== 32) {
      throw new MissingKeyError('DATA_ENCRYPTION_KEYS_PREVIOUS', 'each key must be 32 bytes, base64-encoded');
    }
    return bytes;
  });
}
