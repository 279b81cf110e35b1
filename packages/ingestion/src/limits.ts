/** What one request may carry. Senders batch; these bound a single request's cost. */
export const INGESTION_LIMITS = {
  /** Decompressed request body. */
  maxBodyBytes: 10 * 1024 * 1024,
  maxEventsPerBatch: 1_000,
  /** Longer strings inside inputs, outputs and attributes are cut, with a visible marker. */
  maxStringChars: 256 * 1024,
} as const;
