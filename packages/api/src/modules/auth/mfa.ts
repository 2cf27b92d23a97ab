import { randomBytes } from 'node:crypto';
import { authenticator } from 'otplib';
import { sha256 } from './tokens';

// One step (30 s) either side absorbs clock drift on phones.
authenticator.options = { window: 1 };

export const RECOVERY_CODE_COUNT = 10;

export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

export function otpauthUrl(email: string, secret: string): string {
  return authenticator.keyuri(email, 'CareTracker', secret);
}

export function totpMatches(code: string, secret: string): boolean {
  return /^\d{6}$/.test(code) && authenticator.check(code, secret);
}

/** Codes like `k3j9x-8q2mz`: 50 bits of randomness each, stored only as SHA-256. */
export function newRecoveryCodes(): string[] {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((byte) => alphabet[byte % alphabet.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5, 10)}`;
  });
}

export const hashRecoveryCode = (code: string) => sha256(`recovery:${code.trim().toLowerCase()}`);
