"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import sectionStyles from "@/components/settings-section.module.css";
import { formatInteger } from "@/lib/format";
import { useTRPC } from "@/trpc/client";
import styles from "./analysis-settings.module.css";

/** Starts re-analysing every stored run and follows its progress while it runs. */
export function ReanalysisPanel({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const statusOptions = trpc.analysisSettings.reanalysisStatus.queryOptions({ projectId });
  const status = useQuery({
    ...statusOptions,
    // Poll only while a re-analysis runs.
    refetchInterval: (query) => (query.state.data?.status === "running" ? 1_000 : false),
  });
  const start = useMutation(
    trpc.analysisSettings.reanalyse.mutationOptions({
      onSuccess: (job) => queryClient.setQueryData(statusOptions.queryKey, job),
    }),
  );
  const job = status.data ?? null;
  const isRunning = job?.status === "running";

  return (
    <div className={sectionStyles.actions} aria-label="Re-analysis" role="group">
      <button type="button" className="button" disabled={isRunning || start.isPending} onClick={() => start.mutate({ projectId })}>
        {isRunning ? "Re-analysing…" : "Re-analyse all runs"}
      </button>
      {job ? (
        <>
          <progress
            className={styles.progress}
            aria-label="Re-analysis progress"
            max={Math.max(job.total, 1)}
            value={job.status === "done" ? Math.max(job.total, 1) : job.analysed}
          />
          <span role="status" data-testid="reanalysis-status">
            {job.status === "running"
              ? `Analysed ${formatInteger(job.analysed)} of ${countRuns(job.total)}`
              : job.status === "done"
                ? `Done: ${countRuns(job.analysed)} analysed`
                : `Failed after ${countRuns(job.analysed)}: ${job.error ?? "unknown error"}`}
          </span>
        </>
      ) : null}
      {start.error ? (
        <span role="alert" className={sectionStyles.error}>
          {start.error.message}
        </span>
      ) : null}
      {status.isError ? (
        <span role="alert" className={sectionStyles.error}>
          Progress could not be loaded: {status.error.message}
        </span>
      ) : null}
    </div>
  );
}

function countRuns(count: number): string {
  return `${formatInteger(count)} run${count === 1 ? "" : "s"}`;
}
