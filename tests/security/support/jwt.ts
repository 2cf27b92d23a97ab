import { createHmac } from 'node:crypto';

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** The parts of a compact JWS, decoded. */
export function decodeJwt(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  const [header = '', claims = ''] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()),
    claims: JSON.parse(Buffer.from(claims, 'base64url').toString()),
  };
}

/**
 * A token as an attacker would build it: any header, any claims, signed with HMAC under `secret`
 * with the header's algorithm (HS256/384/512), or with no signature at all for `alg: none`.
 */
export function forgeJwt(header: Record<string, unknown>, claims: Record<string, unknown>, secret?: string): string {
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const digest = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[String(header.alg)];
  if (!digest || secret === undefined) return `${signingInput}.`;
  return `${signingInput}.${createHmac(digest, secret).update(signingInput).digest('base64url')}`;
}
