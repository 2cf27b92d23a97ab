import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@caretracker/shared';
import { createSigner, createVerifier } from 'fast-jwt';

export const TOKEN_ISSUER = 'caretracker-api';
export const ACCESS_AUDIENCE = 'caretracker-clients';
/** A distinct audience so a half-finished (MFA pending) login can never pass as an access token. */
export const MFA_AUDIENCE = 'caretracker-mfa';
const MFA_TOKEN_TTL_MS = 5 * 60_000;

export interface AccessClaims {
  sub: string;
  role: Role;
  sid: string;
}
export interface MfaClaims {
  sub: string;
  purpose: 'verify' | 'setup';
}

/** Opaque random token for refresh, reset and verification; only its SHA-256 is stored. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export type TokenService = ReturnType<typeof createTokenService>;

/** HS256 only: `alg: none` and every other algorithm are refused by the verifier. */
export function createTokenService(options: { secret: string; accessTtlMs: number }) {
  const signAccess = createSigner({
    key: options.secret,
    algorithm: 'HS256',
    iss: TOKEN_ISSUER,
    aud: ACCESS_AUDIENCE,
    expiresIn: options.accessTtlMs,
  });
  const verifyAccess = createVerifier({
    key: options.secret,
    algorithms: ['HS256'],
    allowedIss: TOKEN_ISSUER,
    allowedAud: ACCESS_AUDIENCE,
    requiredClaims: ['sub', 'sid', 'role', 'exp'],
  });
  const signMfa = createSigner({
    key: options.secret,
    algorithm: 'HS256',
    iss: TOKEN_ISSUER,
    aud: MFA_AUDIENCE,
    expiresIn: MFA_TOKEN_TTL_MS,
  });
  const verifyMfa = createVerifier({
    key: options.secret,
    algorithms: ['HS256'],
    allowedIss: TOKEN_ISSUER,
    allowedAud: MFA_AUDIENCE,
    requiredClaims: ['sub', 'purpose', 'exp'],
  });
  return {
    accessTtlSeconds: Math.floor(options.accessTtlMs / 1000),
    signAccess: (claims: AccessClaims): string => signAccess({ ...claims }),
    /** Returns the claims, or null for an expired, tampered or foreign token. */
    verifyAccess(token: string): AccessClaims | null {
      try {
        return verifyAccess(token) as AccessClaims;
      } catch {
        return null;
      }
    },
    signMfa: (claims: MfaClaims): string => signMfa({ ...claims }),
    verifyMfa(token: string): MfaClaims | null {
      try {
        return verifyMfa(token) as MfaClaims;
      } catch {
        return null;
      }
    },
  };
}
