import type { Database } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { runsInWindowSql, type DashboardWindow } from "./dashboard-window.ts";

export type FindingKindCount = { kind: string; findings: number; runsAffected: number };

/** What the detectors flagged in the window's runs, most frequent kind first; dismissed findings do not count. */
export async function readFindingsByKind(
  db: Database,
  window: DashboardWindow,
): Promise<FindingKindCount[]> {
  return db.$queryRaw<FindingKindCount[]>(Prisma.sql`
    SELECT f.kind,
           count(*)::int AS "findings",
           count(DISTINCT f.trace_id)::int AS "runsAffected"
    FROM "finding" f
    JOIN "trace" t ON t.project_id = f.project_id AND t.id = f.trace_id
    WHERE ${runsInWindowSql(window)} AND f.dismissed_at IS NULL
    GROUP BY f.kind
    ORDER BY count(*) DESC, f.kind`);
}
