import type { SqlPool } from "@loupe/db";

const ROWS_PER_DELETE = 10_000;

/**
 * Forgets event ids received before `before`, in small deletes so ingestion never waits on a long
 * lock. A sender retrying an event older than the retention period would apply it again, so the
 * period must exceed any exporter's retry horizon (days, not minutes). Returns the rows removed.
 */
export async function pruneIngestionEvents(pool: SqlPool, { before }: { before: Date }): Promise<number> {
  let removed = 0;
  for (;;) {
    const { rowCount } = await pool.query(
      `DELETE FROM "ingestion_event" WHERE ctid = ANY(ARRAY(
         SELECT ctid FROM "ingestion_event" WHERE received_at < $1 LIMIT ${ROWS_PER_DELETE}))`,
      [before],
    );
    removed += rowCount ?? 0;
    if ((rowCount ?? 0) < ROWS_PER_DELETE) return removed;
  }
}
