import { isIP } from 'node:net';
import { z } from 'zod';

/** The address groups proxy-addr (Fastify's trustProxy) knows by name. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Whether `entry` is an IP address, a CIDR range (`10.0.0.0/8`, `fd00::/8`) or a named range. */
export function isProxyAddress(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * TRUSTED_PROXIES: the proxies whose X-Forwarded-For the API believes, comma-separated. Anything
 * else that sends the header is ignored, so a client cannot pick the address it is counted under.
 */
export const trustedProxies = z.string().transform((value, ctx) => {
  const list = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  for (const entry of list) {
    if (!isProxyAddress(entry)) {
      ctx.addIssue({
        code: 'custom',
        message: `"${entry}" is not an IP address or CIDR range such as 10.0.0.2 or 172.30.0.0/24`,
      });
    }
  }
  return list;
});
