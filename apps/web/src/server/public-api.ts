import "server-only";
import { ContentHashCache, createSqlPool } from "@loupe/db";
import {
  ApiKeyAuthenticator,
  KnownContent,
  RateLimiter,
  createProjectPricing,
  type PublicApiDependencies,
} from "@loupe/ingestion";
import { readServerEnv } from "@/env";
import { getDb } from "@/server/db";
import { recordIngestion } from "@/server/metrics";

const globalForApi = globalThis as typeof globalThis & { loupePublicApi?: PublicApiDependencies };

/** What the public API's route handlers share: one SQL pool, caches and the rate limiter. */
export function getPublicApi(): PublicApiDependencies {
  if (!globalForApi.loupePublicApi) {
    const env = readServerEnv();
    const pool = createSqlPool(env.DATABASE_URL, { maxConnections: 8 });
    globalForApi.loupePublicApi = {
      pool,
      db: getDb(),
      knownContent: new KnownContent(),
      contentHashes: new ContentHashCache(),
      authenticator: new ApiKeyAuthenticator(getDb()),
      rateLimiter: new RateLimiter({ perSecond: env.LOUPE_RATE_LIMIT_PER_SECOND, burst: env.LOUPE_RATE_LIMIT_BURST }),
      ...createProjectPricing(pool),
      // Detection hears of stored runs from the database (see scripts/detection-worker.ts).
      onIngested: recordIngestion,
    };
  }
  return globalForApi.loupePublicApi;
}
