import "server-only";
import { createSqlPool } from "@loupe/db";
import { pruneIngestionEvents } from "@loupe/ingestion";
import { readServerEnv } from "@/env";

const HOUR_MS = 3_600_000;
const globalForMaintenance = globalThis as typeof globalThis & { loupeMaintenance?: NodeJS.Timeout };

/** Hourly housekeeping: event ids past the deduplication window are forgotten. */
export function startMaintenance() {
  if (globalForMaintenance.loupeMaintenance) return;
  const env = readServerEnv();
  const pool = createSqlPool(env.DATABASE_URL, { maxConnections: 1 });
  const prune = () =>
    pruneIngestionEvents(pool, { before: new Date(Date.now() - env.LOUPE_DEDUP_RETENTION_DAYS * 24 * HOUR_MS) }).catch((error: unknown) =>
      console.error("Loupe: pruning old ingestion event ids failed", error),
    );
  void prune();
  globalForMaintenance.loupeMaintenance = setInterval(() => void prune(), HOUR_MS);
  globalForMaintenance.loupeMaintenance.unref();
}
