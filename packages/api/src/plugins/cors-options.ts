import type { FastifyCorsOptions } from '@fastify/cors';

/**
 * CORS for the app origins only (`CORS_ORIGINS`), with their cookies: the methods the API
 * serves and the headers the apps send. Any other origin gets no CORS headers at all, so its
 * pages can neither read answers nor pass a preflight.
 */
export function corsOptions(origins: readonly string[]): FastifyCorsOptions {
  const allowed = new Set(origins);
  return {
    // `false` skips CORS entirely, preflight included (the OPTIONS request then finds no route).
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin) ? origin : false),
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['content-type', 'idempotency-key', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    // Browsers cap this (Chromium at 2 h); it saves a preflight per call.
    maxAge: 600,
  };
}
