import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, UnsealedSecretError } from './secret-box';

describe('secret box (AES-256-GCM)', () => {
  const box = createSecretBox(randomBytes(32));

  it('seals to something else each time and opens back to the secret', () => {
    const first = box.seal('JBSWY3DPEHPK3PXP');
    const second = box.seal('JBSWY3DPEHPK3PXP');
    expect(first).toMatch(/^enc:v1:/);
    expect(first).not.toContain('JBSWY3DPEHPK3PXP');
    expect(first).not.toBe(second);
    expect(box.open(first)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a tampered value and a value sealed with another key', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    const [iv, tag, body] = sealed.slice('enc:v1:'.length).split('.') as [string, string, string];
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => box.open(`enc:v1:${iv}.${tag}.${flipped.toString('base64url')}`)).toThrow();
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow();
  });

  it('refuses a value stored without sealing instead of reading it as plain text', () => {
    expect(() => box.open('KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD')).toThrow(UnsealedSecretError);
  });

  it('needs a 32-byte key', () => {
    expect(() => createSecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});
