import type { Database } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import {
  bucketIntervalSql,
  bucketStartSql,
  FINISHED_RUN_SQL,
  RUN_LATENCY_MS_SQL,
  runsInWindowSql,
  type DashboardBucket,
  type DashboardWindow,
} from "./dashboard-window.ts";

export type RunSeriesPoint = {
  bucketStart: Date;
  runs: number;
  failedRuns: number;
  steps: number;
  inputTokens: number;
  outputTokens: number;
  cost: number;
  /** Null when no run in the bucket has finished. */
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  latencyP99Ms: number | null;
};

/**
 * The window's runs per hour or day, one point per bucket from the first to the last, so a chart
 * shows a quiet hour as zero rather than skipping it. Cost is the trace's stored total, which
 * prefers the sender's reported cost over Loupe's calculation step by step.
 */
export async function readRunSeries(
  db: Database,
  { bucket, ...window }: DashboardWindow & { bucket: DashboardBucket },
): Promise<RunSeriesPoint[]> {
  const interval = bucketIntervalSql(bucket);
  return db.$queryRaw<RunSeriesPoint[]>(Prisma.sql`
    WITH buckets AS (
      SELECT generate_series(
        ${bucketStartSql(bucket, Prisma.sql`${window.from}::timestamptz`)},
        ${window.to}::timestamptz - interval '1 microsecond',
        ${interval}
      ) AS bucket_start
    ),
    per_bucket AS (
      SELECT ${bucketStartSql(bucket, Prisma.sql`t.start_time`)} AS bucket_start,
             count(*)::int AS runs,
             (count(*) FILTER (WHERE t.status = 'error'))::int AS failed_runs,
             sum(t.step_count)::int AS steps,
             sum(t.input_tokens)::float8 AS input_tokens,
             sum(t.output_tokens)::float8 AS output_tokens,
             sum(t.total_cost)::float8 AS cost,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY ${RUN_LATENCY_MS_SQL}) FILTER (WHERE ${FINISHED_RUN_SQL}) AS p50,
             percentile_cont(0.95) WITHIN GROUP (ORDER BY ${RUN_LATENCY_MS_SQL}) FILTER (WHERE ${FINISHED_RUN_SQL}) AS p95,
             percentile_cont(0.99) WITHIN GROUP (ORDER BY ${RUN_LATENCY_MS_SQL}) FILTER (WHERE ${FINISHED_RUN_SQL}) AS p99
      FROM "trace" t
      WHERE ${runsInWindowSql(window)}
      GROUP BY 1
    )
    SELECT b.bucket_start AS "bucketStart",
           coalesce(p.runs, 0) AS "runs",
           coalesce(p.failed_runs, 0) AS "failedRuns",
           coalesce(p.steps, 0) AS "steps",
           coalesce(p.input_tokens, 0) AS "inputTokens",
           coalesce(p.output_tokens, 0) AS "outputTokens",
           coalesce(p.cost, 0) AS "cost",
           p.p50 AS "latencyP50Ms",
           p.p95 AS "latencyP95Ms",
           p.p99 AS "latencyP99Ms"
    FROM buckets b
    LEFT JOIN per_bucket p ON p.bucket_start = b.bucket_start
    ORDER BY b.bucket_start`);
}
