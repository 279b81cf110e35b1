import type { SqlPool } from "../sql-pool.ts";

/**
 * Takes up to `limit` payloads from the search queue and stores their words in `payload_search`,
 * in one statement: a payload leaves the queue only with its words stored. Indexers in several
 * processes share the queue, each skipping the rows another holds. Returns how many it took.
 */
const INDEX_QUEUED_PAYLOADS = `
  WITH taken AS (
    DELETE FROM "payload_search_queue"
    WHERE (project_id, hash) IN (
      SELECT project_id, hash FROM "payload_search_queue" ORDER BY queued_at LIMIT $1 FOR UPDATE SKIP LOCKED)
    RETURNING project_id, hash
  ), indexed AS (
    INSERT INTO "payload_search" (project_id, hash, document)
    SELECT p.project_id, p.hash, to_tsvector('simple'::regconfig, payload_search_text(p.body))
    FROM taken t JOIN "payload" p ON p.project_id = t.project_id AND p.hash = t.hash
    ON CONFLICT (project_id, hash) DO NOTHING
  )
  SELECT count(*)::int AS taken FROM taken`;

export async function indexQueuedPayloads(pool: SqlPool, { limit = 500 }: { limit?: number } = {}): Promise<number> {
  const { rows } = await pool.query<{ taken: number }>({ name: "loupe.search.index-queued-payloads", text: INDEX_QUEUED_PAYLOADS, values: [limit] });
  return rows[0]?.taken ?? 0;
}

/** Indexes everything queued now: for start-up and tests, which search right after storing. */
export async function indexAllQueuedPayloads(pool: SqlPool): Promise<number> {
  let total = 0;
  for (;;) {
    const taken = await indexQueuedPayloads(pool);
    total += taken;
    if (taken === 0) return total;
  }
}
