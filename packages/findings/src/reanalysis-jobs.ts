import type { Database } from "@loupe/db";
import { reanalyseProject } from "./reanalyse-project.ts";

export type ReanalysisJob = {
  status: "running" | "done" | "failed";
  analysed: number;
  total: number;
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
};

/**
 * Re-analyses running in this process, one per project, and the last one's outcome. Kept in memory:
 * a restart forgets them, which only loses the progress bar, since analysis is idempotent.
 */
const jobs = new Map<string, ReanalysisJob>();

/** Starts re-analysing a project in the background, or returns the one already running. */
export function startReanalysis(db: Database, projectId: string): ReanalysisJob {
  const current = jobs.get(projectId);
  if (current?.status === "running") return { ...current };
  const job: ReanalysisJob = { status: "running", analysed: 0, total: 0, startedAt: new Date(), finishedAt: null, error: null };
  jobs.set(projectId, job);
  reanalyseProject(db, projectId, {
    onProgress: ({ analysed, total }) => Object.assign(job, { analysed, total }),
  }).then(
    () => Object.assign(job, { status: "done", finishedAt: new Date() }),
    (error: unknown) =>
      Object.assign(job, { status: "failed", finishedAt: new Date(), error: error instanceof Error ? error.message : String(error) }),
  );
  return { ...job };
}

/** The project's running or last re-analysis, or null when none ran since the process started. */
export function findReanalysis(projectId: string): ReanalysisJob | null {
  const job = jobs.get(projectId);
  return job ? { ...job } : null;
}
