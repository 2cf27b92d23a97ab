import type { FastifyHelmetOptions } from '@fastify/helmet';
import helmet from 'helmet';
import type { Config } from '../config/config';

/** The browser and transport headers of every answer (helmet), HSTS when the API is served over HTTPS. */
export function securityHeaderOptions(config: Config): FastifyHelmetOptions {
  return {
    hsts: config.FORCE_HTTPS ? { maxAge: config.HSTS_MAX_AGE, includeSubDomains: true } : false,
    // The API serves JSON; only Swagger UI needs its own scripts and styles.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
      },
    },
  };
}

/**
 * The same headers as a plain middleware, for the answers Fastify sends before its hooks run.
 * (helmet's ESM and CommonJS typings declare their symbols apart; the options are the same object.)
 */
export const securityHeaders = (config: Config) =>
  helmet(securityHeaderOptions(config) as unknown as Parameters<typeof helmet>[0]);
