/** One first try and five retries: with the default backoff, the last waits up to 32 s. */
export const MAX_DELIVERY_ATTEMPTS = 6;

/**
 * How long to wait after failed attempt number `attempt` (1-based): exponential backoff with full
 * jitter, so receivers that recover are not hit by every sender at the same instant.
 */
export function retryDelayMs(
  attempt: number,
  {
    baseMs = 1_000,
    maxMs = 60_000,
    random = Math.random,
  }: { baseMs?: number; maxMs?: number; random?: () => number } = {},
): number {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`attempt must be a whole number from 1, got ${attempt}`);
  }
  const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}
