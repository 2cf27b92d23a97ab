import { randomBytes } from 'node:crypto';
import { authenticator } from 'otplib';
import { sha256 } from './tokens';

const STEP_SECONDS = 30;
// One step (30 s) either side absorbs clock drift on phones.
authenticator.options = { window: 1, step: STEP_SECONDS };

export const RECOVERY_CODE_COUNT = 10;

export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

export function otpauthUrl(email: string, secret: string): string {
  return authenticator.keyuri(email, 'CareTracker', secret);
}

/**
 * The time step (unix seconds / 30) whose code `code` is, within one step of `now`, or null when
 * it matches none. The caller refuses a step at or before the user's last accepted one, so each
 * code signs in once (RFC 6238 §5.2).
 */
export function totpStepOf(code: string, secret: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = authenticator.clone({ epoch: now }).checkDelta(code, secret);
  return delta === null ? null : Math.floor(now / 1000 / STEP_SECONDS) + delta;
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
