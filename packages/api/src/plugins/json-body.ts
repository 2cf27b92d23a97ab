import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-errors';

/** Every JSON body is at most this large (Fastify's `bodyLimit`); uploads are multipart and streamed. */
export const JSON_BODY_LIMIT = 100 * 1024;
/**
 * The few routes whose schemas allow large documents (a care plan with its lists, a check-out or
 * amendment carrying the client's signature image) declare this as their route `bodyLimit`.
 */
export const LARGE_JSON_BODY_LIMIT = 1024 * 1024;
/** Deeper than any body the API accepts (a care plan is five levels deep). */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether `text` opens more than `max` arrays and objects inside one another, counted before it
 * is parsed: one pass over the characters, skipping strings, so a body of nothing but `[` is
 * refused at the first character past the limit instead of being built and then validated.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

/**
 * JSON is the only body type outside the upload route (which registers multipart for itself):
 * no `text/plain` parser, so a body in another type answers 415 before any handler runs (a
 * cross-site form can only send text/plain, urlencoded or multipart). Bodies are nested at most
 * `MAX_JSON_DEPTH` levels and parsed by Fastify's own parser, which refuses `__proto__` and
 * `constructor.prototype` keys (prototype poisoning).
 */
export function registerJsonBodies(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body); // parseAs 'string': always a string already
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
      done(new AppError(400, 'BAD_REQUEST', `Request body is nested more than ${MAX_JSON_DEPTH} levels deep`));
      return;
    }
    parse(request, text, done);
  });
}
