export { createDatabaseClient, type Database } from "./client.ts";
export { refreshTraceAggregates } from "./runs/refresh-trace-aggregates.ts";
export { ContentEncoder } from "./payloads/encode-step-content.ts";
export { hashToHex, type ContentHash } from "./payloads/content-hash.ts";
export { ContentHashCache } from "./payloads/content-hash-cache.ts";
export { createSqlPool, type SqlPool } from "./sql-pool.ts";
export * from "./dashboards/index.ts";
export { UNNAMED_RUN, listTraces, findTraceById, findTraceFields, findTracesByIds, findStep, listTraceSteps, type TraceCursor, type StepCursor, type TraceFilters } from "./runs/read-runs.ts";
export { createApiKey, revokeApiKey, findActiveApiKey, hashApiKeySecret } from "./projects/api-keys.ts";
export {
  ensureLocalAdmin,
  ensureProject,
  listProjectsForUser,
  findMembership,
} from "./projects/projects.ts";
export type * from "./generated/prisma/models.ts";
export { Prisma } from "./generated/prisma/client.ts";
export { SecretBox, hintOfSecret, loadSecretKey } from "./secrets/secret-box.ts";
