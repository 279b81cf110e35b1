import { RUNS_CHANGED_CHANNEL, type ChangedRuns } from "@loupe/schema";
import type pg from "pg";
import { preparedStatement } from "./prepared-statement.ts";

// Postgres caps a notification's payload at 8,000 bytes; a trace id is at most 128 printable
// characters, 256 once escaped in JSON.
const TRACE_IDS_PER_NOTIFICATION = 24;

const NOTIFY = preparedStatement("notify-changed-runs", `SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload`);

/**
 * Tells whoever listens (the detection worker) which runs this transaction changed. Postgres
 * delivers it only when the transaction commits, so a listener never reads a run before its steps.
 */
export async function announceChangedRuns(client: pg.PoolClient, projectId: string, traceIds: readonly string[]) {
  if (traceIds.length === 0) return;
  const payloads: string[] = [];
  for (let start = 0; start < traceIds.length; start += TRACE_IDS_PER_NOTIFICATION) {
    const changed: ChangedRuns = { projectId, traceIds: traceIds.slice(start, start + TRACE_IDS_PER_NOTIFICATION) };
    payloads.push(JSON.stringify(changed));
  }
  await client.query({ ...NOTIFY, values: [RUNS_CHANGED_CHANNEL, payloads] });
}
