import type { Database } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { RunStatus } from "../generated/prisma/enums.ts";
import { runsInWindowSql, type DashboardWindow } from "./dashboard-window.ts";

export type CostlyRun = {
  id: string;
  name: string;
  status: RunStatus;
  cost: number;
  tokens: number;
  steps: number;
  startTime: Date;
};

const COSTLIEST_RUN_COUNT = 10;

/** The window's most expensive runs, the costliest first; runs that cost nothing are no candidates. */
export async function readCostliestRuns(db: Database, window: DashboardWindow): Promise<CostlyRun[]> {
  // Name and status may not have arrived yet: the same defaults as the trace list.
  return db.$queryRaw<CostlyRun[]>(Prisma.sql`
    SELECT t.id,
           coalesce(t.name, '(unnamed)') AS "name",
           coalesce(t.status, 'running')::text AS "status",
           t.total_cost::float8 AS "cost",
           (t.input_tokens + t.output_tokens)::float8 AS "tokens",
           t.step_count AS "steps",
           t.start_time AS "startTime"
    FROM "trace" t
    WHERE ${runsInWindowSql(window)} AND t.total_cost > 0
    ORDER BY t.total_cost DESC, t.start_time DESC, t.id
    LIMIT ${COSTLIEST_RUN_COUNT}`);
}
