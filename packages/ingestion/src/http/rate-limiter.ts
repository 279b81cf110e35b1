import { HttpError } from "./http-error.ts";

/**
 * A token bucket per API key, in this process: `burst` requests at once, refilled at `perSecond`.
 * Several Loupe processes each apply it on their own.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(
    private readonly options: { perSecond: number; burst: number },
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one request from the key's bucket, or refuses with 429 and when to retry. */
  take(key: string) {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.options.burst, updatedAt: now };
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.options.perSecond);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return;
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / this.options.perSecond));
    throw new HttpError(
      429,
      `Rate limit of ${this.options.perSecond} requests per second per API key exceeded; retry after ${retryAfterSeconds} s.`,
      undefined,
      { "retry-after": String(retryAfterSeconds) },
    );
  }
}
