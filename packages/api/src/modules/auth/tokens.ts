import { createHash, randomBytes } from 'node:crypto';
import { createSigner, createVerifier, TokenError } from 'fast-jwt';

export const TOKEN_ISSUER = 'caretracker-api';
export const ACCESS_AUDIENCE = 'caretracker-clients';
/** A distinct audience so a half-finished (MFA pending) login can never pass as an access token. */
export const MFA_AUDIENCE = 'caretracker-mfa';
const MFA_TOKEN_TTL_MS = 5 * 60_000;

/**
 * An access token names its user and session, nothing more: the role and whether the user may
 * still sign in are read from the user's row on every request, never from the token.
 */
export interface AccessClaims {
  sub: string;
  sid: string;
}
/** A refused access token: `expired` (signed by us, out of date: the client refreshes) or `invalid` (forged, tampered, foreign, malformed). */
export type AccessCheck = { claims: AccessClaims } | { rejected: 'expired' | 'invalid' };
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
    requiredClaims: ['sub', 'sid', 'exp'],
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
    signAccess: (claims: AccessClaims): string => signAccess({ sub: claims.sub, sid: claims.sid }),
    /** The claims, or why the token is refused (the signature is checked before the expiry). */
    verifyAccess(token: string): AccessCheck {
      try {
        const { sub, sid } = verifyAccess(token) as AccessClaims;
        if (typeof sub !== 'string' || typeof sid !== 'string') return { rejected: 'invalid' };
        return { claims: { sub, sid } };
      } catch (error) {
        const expired = error instanceof TokenError && error.code === TokenError.codes.expired;
        return { rejected: expired ? 'expired' : 'invalid' };
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
