import { z } from "zod";

/** The Postgres notification channel on which every committed ingestion names the runs it changed. */
export const RUNS_CHANGED_CHANNEL = "loupe_runs_changed";

/** One notification's payload: a project and some of its runs. */
export const ChangedRuns = z.object({
  projectId: z.uuid(),
  traceIds: z.array(z.string().min(1)).min(1),
});
export type ChangedRuns = z.infer<typeof ChangedRuns>;
