import { refreshTraceAggregates } from "@loupe/db";
import type pg from "pg";
import { preparedStatement } from "./prepared-statement.ts";
import type { StepContribution } from "./write-batch.ts";

const LOCK_TRACES = preparedStatement("lock-traces", `
  SELECT id FROM "trace" WHERE project_id = $1::uuid AND id = ANY($2::text[]) ORDER BY id FOR NO KEY UPDATE`);

const ADD_TO_TOTALS = preparedStatement("add-to-totals", `
  UPDATE "trace" AS t SET
    step_count = t.step_count + d.steps,
    error_count = t.error_count + d.errors,
    input_tokens = t.input_tokens + d.input_tokens,
    output_tokens = t.output_tokens + d.output_tokens,
    total_cost = t.total_cost + d.cost,
    updated_at = now()
  FROM jsonb_to_recordset($2::jsonb) AS d(id text, steps integer, errors integer, input_tokens bigint,
    output_tokens bigint, cost double precision)
  WHERE t.project_id = $1::uuid AND t.id = d.id`);

type TraceDelta = { id: string; steps: number; errors: number; input_tokens: number; output_tokens: number; cost: number };

/**
 * Keeps each run's totals (steps, errors, tokens, cost) current, the last thing a batch does.
 *
 * A run that only gained new steps gets their sum added: concurrent batches of one run then only
 * queue for its row at the very end, and a long run is never recounted. A run whose stored steps
 * this batch changed is recounted instead, after its row is locked, so that the count's snapshot
 * includes every batch that committed before it; runs are locked in id order, so two batches never
 * wait on each other crosswise.
 */
export async function updateTraceTotals(
  client: pg.PoolClient,
  {
    projectId,
    traceIds,
    insertedSteps,
    recountTraceIds,
    mergeTraces,
  }: {
    projectId: string;
    /** Every run the batch touched. */
    traceIds: readonly string[];
    insertedSteps: readonly StepContribution[];
    recountTraceIds: ReadonlySet<string>;
    /** The batch's changes to the runs' own fields, applied under the same locks. */
    mergeTraces: () => Promise<void>;
  },
) {
  if (traceIds.length > 1 || recountTraceIds.size > 0) {
    await client.query({ ...LOCK_TRACES, values: [projectId, [...traceIds].sort()] });
  }
  await mergeTraces();

  const deltas = new Map<string, TraceDelta>();
  for (const step of insertedSteps) {
    if (recountTraceIds.has(step.trace_id)) continue;
    let delta = deltas.get(step.trace_id);
    if (!delta) {
      delta = { id: step.trace_id, steps: 0, errors: 0, input_tokens: 0, output_tokens: 0, cost: 0 };
      deltas.set(step.trace_id, delta);
    }
    delta.steps += 1;
    if (step.is_error) delta.errors += 1;
    delta.input_tokens += step.input_tokens ?? 0;
    delta.output_tokens += step.output_tokens ?? 0;
    delta.cost += step.cost ?? 0;
  }
  if (deltas.size > 0) await client.query({ ...ADD_TO_TOTALS, values: [projectId, JSON.stringify([...deltas.values()])] });
  if (recountTraceIds.size > 0) {
    await refreshTraceAggregates((sql, params) => client.query(sql, params), {
      projectId,
      traceIds: [...recountTraceIds],
    });
  }
}
