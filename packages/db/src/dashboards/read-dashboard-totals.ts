import type { Database } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import {
  FINISHED_RUN_SQL,
  RUN_LATENCY_MS_SQL,
  runsInWindowSql,
  type DashboardWindow,
} from "./dashboard-window.ts";

export type DashboardTotals = {
  runs: number;
  failedRuns: number;
  /** Failed runs over all runs; null when there are none. */
  errorRate: number | null;
  cost: number;
  inputTokens: number;
  outputTokens: number;
  /** Null when no run has finished. */
  latencyP95Ms: number | null;
  findings: number;
};

/** The headline figures of the window's runs. */
export async function readDashboardTotals(db: Database, window: DashboardWindow): Promise<DashboardTotals> {
  const [row] = await db.$queryRaw<Omit<DashboardTotals, "errorRate">[]>(Prisma.sql`
    SELECT count(*)::int AS "runs",
           (count(*) FILTER (WHERE t.status = 'error'))::int AS "failedRuns",
           coalesce(sum(t.total_cost), 0)::float8 AS "cost",
           coalesce(sum(t.input_tokens), 0)::float8 AS "inputTokens",
           coalesce(sum(t.output_tokens), 0)::float8 AS "outputTokens",
           percentile_cont(0.95) WITHIN GROUP (ORDER BY ${RUN_LATENCY_MS_SQL})
             FILTER (WHERE ${FINISHED_RUN_SQL}) AS "latencyP95Ms",
           (SELECT count(*)::int FROM "finding" f
             WHERE f.project_id = ${window.projectId}::uuid AND f.dismissed_at IS NULL
               AND f.trace_id IN (SELECT t.id FROM "trace" t WHERE ${runsInWindowSql(window)})) AS "findings"
    FROM "trace" t
    WHERE ${runsInWindowSql(window)}`);
  if (!row) throw new Error("An aggregate query returned no row");
  return { ...row, errorRate: row.runs === 0 ? null : row.failedRuns / row.runs };
}
