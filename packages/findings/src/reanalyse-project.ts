import type { Database } from "@loupe/db";
import { analyseTrace } from "./analyse-trace.ts";

const PAGE = 200;

export type ReanalysisProgress = { analysed: number; total: number };

/**
 * Runs analysis again over every run of a project, newest first a page at a time, so findings
 * follow changed settings or detectors. Runs arriving meanwhile are analysed by ingestion anyway;
 * the total is counted once at the start. Alerting is not triggered: these runs are history.
 */
export async function reanalyseProject(
  db: Database,
  projectId: string,
  { onProgress }: { onProgress?: (progress: ReanalysisProgress) => void } = {},
): Promise<ReanalysisProgress> {
  const total = await db.trace.count({ where: { projectId } });
  let analysed = 0;
  onProgress?.({ analysed, total });
  let cursor: { startTime: Date; id: string } | undefined;
  while (analysed < total) {
    const page = await db.trace.findMany({
      where: {
        projectId,
        ...(cursor
          ? { OR: [{ startTime: { lt: cursor.startTime } }, { startTime: cursor.startTime, id: { lt: cursor.id } }] }
          : {}),
      },
      orderBy: [{ startTime: "desc" }, { id: "desc" }],
      take: Math.min(PAGE, total - analysed),
      select: { id: true, startTime: true },
    });
    if (page.length === 0) break;
    for (const run of page) {
      await analyseTrace(db, { projectId, traceId: run.id });
      analysed++;
      onProgress?.({ analysed, total });
    }
    cursor = page.at(-1);
  }
  return { analysed, total };
}
