/** How long to wait before attempt `attempt + 1`, growing exponentially up to a cap. */
export interface Backoff {
  /** The first delay, in milliseconds. */
  baseMs: number;
  /** The longest delay, in milliseconds. */
  maxMs: number;
}

/**
 * Exponential backoff with "equal jitter": half the exponential delay plus a random half, so
 * clients that lost the same connection at the same moment do not all come back together, and
 * no retry ever comes back at once. `attempt` counts the failures so far (1 = first failure).
 */
export function backoffDelay(attempt: number, { baseMs, maxMs }: Backoff, random: () => number = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
