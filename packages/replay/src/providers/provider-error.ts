export class ProviderError extends Error {
  readonly code = "provider_call_failed";
  /** The HTTP status of the last attempt; absent when it timed out or never reached the provider. */
  readonly status: number | undefined;
  readonly attempts: number;
  /** Whether the last failure was of a kind worth retrying later (rate limit, outage, timeout). */
  readonly retryable: boolean;

  constructor(options: { message: string; status?: number; attempts: number; retryable: boolean }) {
    super(options.message);
    this.name = "ProviderError";
    this.status = options.status;
    this.attempts = options.attempts;
    this.retryable = options.retryable;
  }
}
