/** How a check-in or check-out is being asked for. */
export interface AttemptOptions {
  /**
   * The request carries the Idempotency-Key of an earlier attempt that never answered (its process
   * was killed): if that attempt committed, this one answers it instead of refusing.
   */
  resumesUnansweredAttempt?: boolean;
}
