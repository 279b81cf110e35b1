export { ingestEvents, applyEvents, type IngestionDependencies, type CostCalculator, type EventResult, type IngestionOutcome } from "./ingest-events.ts";
export type { UsageEstimator } from "./fold-events.ts";
export { KnownContent } from "./known-content.ts";
export { INGESTION_LIMITS } from "./limits.ts";
export { recordedRunToEvents } from "./recorded-run-events.ts";
export { ApiKeyAuthenticator, type ApiKeyIdentity } from "./http/authenticate.ts";
export { RateLimiter } from "./http/rate-limiter.ts";
export { HttpError, jsonResponse, respondWith } from "./http/http-error.ts";
export { parseRequestPart, readJsonBody } from "./http/parse-request.ts";
export {
  admitRequest,
  handleIngestionBatch,
  handleListTraces,
  handleGetTrace,
  type PublicApiDependencies,
  type IngestionReport,
} from "./http/public-api.ts";
export { createProjectPricing } from "./project-pricing.ts";
export { storeRecordedRun } from "./store-recorded-run.ts";
export { handleOtlpTraces } from "./http/otlp-traces.ts";
export { pruneIngestionEvents } from "./prune-ingestion-events.ts";
