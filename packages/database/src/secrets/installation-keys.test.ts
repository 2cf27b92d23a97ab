import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_JWT_SECRET, dataEncryptionKeyFor, jwtSecretFor, MissingKeyError } from './installation-keys';

describe('installation keys', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'caretracker-installation-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('in-memory databases get keys for the life of the process, written nowhere', () => {
    const env = { NODE_ENV: 'development', DATA_DIR: 'memory://keys-test' };
    expect(jwtSecretFor(env)).toBe(jwtSecretFor(env));
    expect(dataEncryptionKeyFor(env).equals(dataEncryptionKeyFor(env))).toBe(true);
    expect(jwtSecretFor({ ...env, DATA_DIR: 'memory://another' })).not.toBe(jwtSecretFor(env));
  });

  it('tests use the fixed public keys; staging and production must configure them', () => {
    expect(jwtSecretFor({ NODE_ENV: 'test' })).toBe(DEVELOPMENT_JWT_SECRET);
    expect(dataEncryptionKeyFor({ NODE_ENV: 'test' })).toHaveLength(32);
    for (const NODE_ENV of ['staging', 'production']) {
      expect(() => jwtSecretFor({ NODE_ENV, DATA_DIR: dir })).toThrow(MissingKeyError);
      expect(() => dataEncryptionKeyFor({ NODE_ENV, DATA_DIR: dir })).toThrow(MissingKeyError);
    }
  });

  it('refuses a key file that does not hold 32 bytes', () => {
    const broken = path.join(dir, 'broken');
    mkdirSync(path.join(broken, 'keys'), { recursive: true });
    writeFileSync(path.join(broken, 'keys', 'data-encryption-key'), 'c2hvcnQ=\n');
    expect(() => dataEncryptionKeyFor({ NODE_ENV: 'development', DATA_DIR: broken })).toThrow(/32 bytes/);
  });
});
