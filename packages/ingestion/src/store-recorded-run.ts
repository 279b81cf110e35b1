import { ContentHashCache, type SqlPool } from "@loupe/db";
import type { RecordedRun } from "@loupe/schema";
import { applyEvents } from "./ingest-events.ts";
import { KnownContent } from "./known-content.ts";
import { createProjectPricing } from "./project-pricing.ts";
import { recordedRunToEvents } from "./recorded-run-events.ts";

/**
 * Stores a whole recorded run through the ingestion write path, as an SDK would send it: demo data,
 * fixtures and tests land exactly as users' runs do. Storing it again changes nothing. The
 * detection worker is not told: whoever stores recorded runs analyses them if they want findings.
 */
export async function storeRecordedRun(pool: SqlPool, { projectId, run }: { projectId: string; run: RecordedRun }) {
  const deps = {
    pool,
    knownContent: new KnownContent(),
    contentHashes: new ContentHashCache(),
    ...createProjectPricing(pool),
    announceChanges: false,
  };
  await applyEvents(deps, { projectId, events: recordedRunToEvents(run) });
}
