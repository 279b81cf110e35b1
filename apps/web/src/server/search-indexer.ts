import "server-only";
import { createSqlPool, indexQueuedPayloads } from "@loupe/db";
import { readServerEnv } from "@/env";

const BATCH_SIZE = 500;
const IDLE_POLL_MS = 250;
const RETRY_AFTER_FAILURE_MS = 5_000;

const globalForIndexer = globalThis as typeof globalThis & { loupeSearchIndexer?: true };

/**
 * Indexes stored payloads for search, off the ingestion path (see migration
 * 20261121170000_deferred_payload_search): batch after batch while a backlog lasts, then a look at
 * the queue every 250 ms, so new content is searchable a moment after it is stored.
 */
export function startSearchIndexer() {
  if (globalForIndexer.loupeSearchIndexer) return;
  globalForIndexer.loupeSearchIndexer = true;
  const pool = createSqlPool(readServerEnv().DATABASE_URL, { maxConnections: 1 });
  const indexNext = async () => {
    let delay = IDLE_POLL_MS;
    try {
      if ((await indexQueuedPayloads(pool, { limit: BATCH_SIZE })) === BATCH_SIZE) delay = 0;
    } catch (error) {
      console.error("Loupe: indexing stored content for search failed; trying again shortly", error);
      delay = RETRY_AFTER_FAILURE_MS;
    }
    setTimeout(() => void indexNext(), delay).unref();
  };
  void indexNext();
}
