import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ForbiddenError } from '../errors/app-errors';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `Sec-Fetch-Site` values a browser sends for a request its own page (or the user) made. */
const FIRST_PARTY_FETCH = new Set(['same-origin', 'none']);

/**
 * Why a browser request must not change anything, or null. Only the app origins may send one: a
 * foreign `Origin` is refused, and without `Origin` a `Sec-Fetch-Site` other than same-origin
 * (a sibling subdomain or another localhost port is "same-site", not same-origin). A request with
 * neither header does not come from a browser page, so no cookie was attached on anyone's behalf.
 */
function crossSiteReason(request: FastifyRequest, allowedOrigins: ReadonlySet<string>): string | null {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    return allowedOrigins.has(origin) ? null : `origin ${origin.slice(0, 200)} is not an allowed app origin`;
  }
  const site = request.headers['sec-fetch-site'];
  if (site === undefined || FIRST_PARTY_FETCH.has(site)) return null;
  return `a ${site.slice(0, 20)} request without an Origin header`;
}

/**
 * CSRF defence beyond `SameSite=Lax`: a state-changing request that could ride on the browser's
 * cookies (anything without `Authorization: Bearer`, sign-in included, so no one can be signed
 * into someone else's account either) must come from an allowed app origin (`CORS_ORIGINS`).
 * Bearer requests are unaffected: a page on another site cannot attach someone's token. Runs
 * before the session lookup and before the body is read; JSON-only bodies (json-body.ts) close
 * the remaining gap of "simple" cross-site requests.
 */
export function registerCrossSiteDefence(app: FastifyInstance, allowedOrigins: readonly string[]): void {
  const allowed = new Set(allowedOrigins);
  app.addHook('onRequest', async (request) => {
    if (!STATE_CHANGING.has(request.method)) return;
    if (request.headers.authorization?.startsWith('Bearer ')) return;
    const reason = crossSiteReason(request, allowed);
    if (!reason) return;
    request.log.warn(
      { origin: request.headers.origin, secFetchSite: request.headers['sec-fetch-site'] },
      'cross-site request refused',
    );
    throw new ForbiddenError(`Cross-site request refused: ${reason}`);
  });
}
