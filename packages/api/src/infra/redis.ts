import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';

/**
 * A Redis connection that fails fast instead of queueing commands forever while Redis is down;
 * it keeps reconnecting, and `/health` reports the outage. Connection errors are logged at most
 * every 10 seconds.
 */
export function createRedis(url: string, log: FastifyBaseLogger): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
  let lastLogged = 0;
  redis.on('error', (error: Error) => {
    if (Date.now() - lastLogged < 10_000) return;
    lastLogged = Date.now();
    log.warn({ err: { message: error.message } }, 'Redis connection error');
  });
  return redis;
}
