"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useEffect, useMemo, type ReactNode } from "react";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { formatInteger } from "@/lib/format";
import { useTRPC } from "@/trpc/client";
import { DETAIL_VIEWS, useDetailView, type DetailView } from "../hooks/use-detail-view";
import { useSelectedStep } from "../hooks/use-selected-step";
import { buildStepListQuery } from "../lib/step-list-query";
import { measureTimeline } from "../lib/step-timeline";
import { StepInspector, TraceOverview } from "./step-inspector";
import { StepList } from "./step-list";
import styles from "./trace-detail.module.css";
import { TraceSummary } from "./trace-summary";

// The graph pulls in React Flow and ELK, so it loads only when someone opens it.
const DecisionGraphView = dynamic(
  () => import("./decision-graph-view").then((module) => module.DecisionGraphView),
  { ssr: false, loading: () => <p className={styles.notice}>Loading the graph…</p> },
);

const VIEW_LABELS: Record<DetailView, string> = { tree: "Tree", graph: "Graph" };

export function TraceDetail({ projectId, traceId }: { projectId: string; traceId: string }) {
  const trpc = useTRPC();
  const traceQuery = useQuery(trpc.trace.byId.queryOptions({ projectId, traceId }));
  const stepsQuery = useInfiniteQuery(buildStepListQuery(trpc, { projectId, traceId }));
  const { selectedStepId, selectStep } = useSelectedStep();
  const { view, selectView } = useDetailView();
  const steps = useMemo(
    () => stepsQuery.data?.pages.flatMap((page) => page.steps) ?? [],
    [stepsQuery.data],
  );
  const { hasNextPage, isFetchingNextPage, isError: hasStepsError, fetchNextPage } = stepsQuery;

  // Every page is fetched, one after another, so the tree and graph show the whole run; a failed
  // page stops the loop until the reader retries.
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !hasStepsError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, hasStepsError, fetchNextPage]);

  if (traceQuery.isPending) return <p className={styles.notice}>Loading run…</p>;
  if (traceQuery.isError) {
    return (
      <ErrorState
        title="This run could not be loaded"
        message={traceQuery.error.message}
        onRetry={() => void traceQuery.refetch()}
      />
    );
  }

  const trace = traceQuery.data;
  const timeline = measureTimeline(trace, steps);
  const selectedStep = selectedStepId
    ? steps.find((step) => step.id === selectedStepId)
    : undefined;
  const progress: ReactNode = hasNextPage ? (
    <StepLoadProgress
      loaded={steps.length}
      total={trace.stepCount}
      failure={stepsQuery.isFetchNextPageError ? stepsQuery.error?.message : undefined}
      onRetry={() => void fetchNextPage()}
    />
  ) : null;

  return (
    <>
      <TraceSummary projectId={projectId} trace={trace} />
      <div className={styles.panes}>
        {stepsQuery.isPending ? (
          <p className={styles.notice}>Loading steps…</p>
        ) : stepsQuery.isError && steps.length === 0 ? (
          <ErrorState
            title="Steps could not be loaded"
            message={stepsQuery.error.message}
            onRetry={() => void stepsQuery.refetch()}
          />
        ) : steps.length === 0 ? (
          <EmptyState title="No steps recorded">
            <p>
              This run has no steps yet. A run that is still going shows its steps as they arrive.
            </p>
          </EmptyState>
        ) : (
          <div className={styles.views}>
            <div className={styles.tabs} role="tablist" aria-label="Show the run as">
              {DETAIL_VIEWS.map((option) => (
                <button
                  key={option}
                  type="button"
                  role="tab"
                  className={styles.tab}
                  aria-selected={view === option}
                  onClick={() => selectView(option)}
                >
                  {VIEW_LABELS[option]}
                </button>
              ))}
            </div>
            {view === "tree" ? (
              <StepList
                steps={steps}
                timeline={timeline}
                selectedStepId={selectedStepId}
                onSelectStep={selectStep}
                footer={progress}
              />
            ) : hasNextPage ? (
              <section className={styles.waiting} aria-label="Decision graph">
                <p className={styles.notice}>The graph is drawn once every step has loaded.</p>
                {progress}
              </section>
            ) : (
              <DecisionGraphView
                steps={steps}
                selectedStepId={selectedStepId}
                onSelectStep={selectStep}
              />
            )}
          </div>
        )}
        {selectedStep ? (
          <StepInspector projectId={projectId} step={selectedStep} origin={trace.startTime} />
        ) : selectedStepId && !stepsQuery.isPending ? (
          <EmptyState title="Step not shown">
            <p>
              Step <code>{selectedStepId}</code> is not among the steps loaded so far.
              {hasNextPage ? " It will appear when the rest of the run has loaded." : ""}
            </p>
          </EmptyState>
        ) : (
          <TraceOverview trace={trace} />
        )}
      </div>
    </>
  );
}

/** How far the progressive load of a large run has come, or why it stopped. */
function StepLoadProgress({
  loaded,
  total,
  failure,
  onRetry,
}: {
  loaded: number;
  total: number;
  failure: string | undefined;
  onRetry: () => void;
}) {
  const max = Math.max(total, loaded);
  return (
    <div className={styles.progress} role="status" data-testid="step-load-progress">
      <span>
        Loaded {formatInteger(loaded)} of {formatInteger(max)} steps
      </span>
      <progress value={loaded} max={max} aria-label="Steps loaded" />
      {failure !== undefined ? (
        <>
          <span role="alert">Loading stopped: {failure}</span>
          <button type="button" className="button" onClick={onRetry}>
            Retry
          </button>
        </>
      ) : null}
    </div>
  );
}
