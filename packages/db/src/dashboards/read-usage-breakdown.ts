import type { Database } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { runsInWindowSql, type DashboardWindow } from "./dashboard-window.ts";

export const USAGE_DIMENSIONS = ["model", "agent", "prompt_version"] as const;
export type UsageDimension = (typeof USAGE_DIMENSIONS)[number];

export type UsageBreakdownRow = {
  /** The model, agent or "prompt vN"; null for the row that sums everything past the top groups. */
  label: string | null;
  cost: number;
  inputTokens: number;
  outputTokens: number;
  llmCalls: number;
};

/** Groups kept by name; the rest are summed into one row so a chart stays readable. */
const TOP_GROUPS = 12;

/**
 * Labels for the llm steps' dimension. Every llm step lands in some group, so each breakdown adds
 * up to the same totals; a step that lacks the attribute gets a label that says so.
 */
const DIMENSION_LABELS: Record<UsageDimension, Prisma.Sql> = {
  model: Prisma.sql`coalesce(s.model, '(unknown model)')`,
  agent: Prisma.sql`coalesce(s.agent_name, '(no agent)')`,
  prompt_version: Prisma.sql`CASE WHEN s.prompt_name IS NULL THEN '(no prompt)'
                                  ELSE s.prompt_name || coalesce(' v' || s.prompt_version, '') END`,
};

/**
 * Cost, tokens and calls of the window's llm steps by model, agent or prompt version: the costliest
 * groups first, then one row for all the others. Cost prefers the sender's figure over Loupe's.
 */
export async function readUsageBreakdown(
  db: Database,
  { dimension, ...window }: DashboardWindow & { dimension: UsageDimension },
): Promise<UsageBreakdownRow[]> {
  return db.$queryRaw<UsageBreakdownRow[]>(Prisma.sql`
    WITH per_group AS (
      SELECT ${DIMENSION_LABELS[dimension]} AS label,
             sum(coalesce(s.provided_cost, s.calculated_cost, 0))::float8 AS cost,
             coalesce(sum(s.input_tokens), 0)::float8 AS input_tokens,
             coalesce(sum(s.output_tokens), 0)::float8 AS output_tokens,
             count(*)::int AS llm_calls
      FROM "step" s
      JOIN "trace" t ON t.project_id = s.project_id AND t.id = s.trace_id
      WHERE ${runsInWindowSql(window)} AND s.kind = 'llm'
      GROUP BY 1
    ),
    ranked AS (
      SELECT *, row_number() OVER (ORDER BY cost DESC, label) <= ${TOP_GROUPS} AS is_top
      FROM per_group
    )
    SELECT CASE WHEN is_top THEN label END AS "label",
           sum(cost)::float8 AS "cost",
           sum(input_tokens)::float8 AS "inputTokens",
           sum(output_tokens)::float8 AS "outputTokens",
           sum(llm_calls)::int AS "llmCalls"
    FROM ranked
    GROUP BY is_top, CASE WHEN is_top THEN label END
    ORDER BY is_top DESC, sum(cost) DESC, 1`);
}
