import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { redisUrl } from './app';

/** A Redis key prefix of its own, so parallel test files never share a queue. */
export const uniquePrefix = (label: string) => `caretracker-test:${label}:${randomUUID().slice(0, 8)}`;

/** Deletes every key under a test prefix. */
export async function dropPrefix(prefix: string): Promise<void> {
  const redis = new Redis(redisUrl()!, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Polls until `check` holds (or fails the test after `timeoutMs`). */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
