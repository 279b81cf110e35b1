import "server-only";
import { ContentHashCache, createSqlPool } from "@loupe/db";
import { FindingScheduler } from "@loupe/findings";
import { evaluateFindingAlerts } from "@loupe/oncall";
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
    const findings = new FindingScheduler(getDb(), {
      delayMillis: 250,
      afterAnalysis: (run) => evaluateFindingAlerts(getDb(), run),
    });
    globalForApi.loupePublicApi = {
      pool,
      db: getDb(),
      knownContent: new KnownContent(),
      contentHashes: new ContentHashCache(),
      authenticator: new ApiKeyAuthenticator(getDb()),
      rateLimiter: new RateLimiter({ perSecond: env.LOUPE_RATE_LIMIT_PER_SECOND, burst: env.LOUPE_RATE_LIMIT_BURST }),
      ...createProjectPricing(pool),
      onIngested: (report) => {
        recordIngestion(report);
        if (env.LOUPE_DETECTION === "on" && report.traceIds.length > 0) findings.schedule(report.projectId, report.traceIds);
      },
    };
  }
  return globalForApi.loupePublicApi;
}
