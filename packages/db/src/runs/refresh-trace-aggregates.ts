/** Runs one SQL statement with positional parameters: Prisma and node-postgres both fit. */
export type SqlExecutor = (sql: string, params: unknown[]) => Promise<unknown>;

const REFRESH_TRACE_AGGREGATES = `
  UPDATE "trace" AS t SET
    step_count = s.step_count,
    error_count = s.error_count,
    input_tokens = s.input_tokens,
    output_tokens = s.output_tokens,
    total_cost = s.total_cost,
    finding_count = (SELECT count(*) FROM "finding" f
                     WHERE f.project_id = t.project_id AND f.trace_id = t.id AND f.dismissed_at IS NULL),
    updated_at = now()
  FROM (
    SELECT trace_id,
           count(*)::int AS step_count,
           (count(*) FILTER (WHERE status = 'error'))::int AS error_count,
           coalesce(sum(input_tokens), 0)::bigint AS input_tokens,
           coalesce(sum(output_tokens), 0)::bigint AS output_tokens,
           coalesce(sum(coalesce(provided_cost, calculated_cost)), 0) AS total_cost
    FROM "step"
    WHERE project_id = $1::uuid AND trace_id = ANY($2::text[])
    GROUP BY trace_id
  ) AS s
  WHERE t.project_id = $1::uuid AND t.id = s.trace_id`;

/** Recomputes the trace list's columns from the steps, so they never drift from what is stored. */
export async function refreshTraceAggregates(
  execute: SqlExecutor,
  { projectId, traceIds }: { projectId: string; traceIds: string[] },
) {
  if (traceIds.length === 0) return;
  await execute(REFRESH_TRACE_AGGREGATES, [projectId, traceIds]);
}
