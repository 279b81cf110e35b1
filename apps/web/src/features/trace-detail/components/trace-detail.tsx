"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { formatInteger } from "@/lib/format";
import { useTRPC } from "@/trpc/client";
import { DETAIL_VIEWS, useDetailView, type DetailView } from "../hooks/use-detail-view";
import { useSelectedStep } from "../hooks/use-selected-step";
import type { StepViewProps } from "../hooks/use-step-row-navigation";
import { findFirstSuspiciousStep, groupFindingsByStep } from "../lib/step-findings";
import { buildStepListQuery } from "../lib/step-list-query";
import { measureTimeline } from "../lib/step-timeline";
import { StepInspector, TraceOverview } from "./step-inspector";
import { StepList } from "./step-list";
import { StepTimelineView } from "./step-timeline-view";
import styles from "./trace-detail.module.css";
import { TraceFindings, type TraceFinding } from "./trace-findings";
import { TraceSummary } from "./trace-summary";

// The graph pulls in React Flow and ELK, so it loads only when someone opens it.
const DecisionGraphView = dynamic(
  () => import("./decision-graph-view").then((module) => module.DecisionGraphView),
  { ssr: false, loading: () => <p className={styles.notice}>Loading the graph…</p> },
);

const VIEW_LABELS: Record<DetailView, string> = {
  tree: "Tree",
  timeline: "Timeline",
  graph: "Graph",
};

const NO_FINDINGS: TraceFinding[] = [];

export function TraceDetail({ projectId, traceId }: { projectId: string; traceId: string }) {
  const trpc = useTRPC();
  const traceQuery = useQuery(trpc.trace.byId.queryOptions({ projectId, traceId }));
  const stepsQuery = useInfiniteQuery(buildStepListQuery(trpc, { projectId, traceId }));
  const findingsQuery = useQuery(trpc.finding.forTrace.queryOptions({ projectId, traceId }));
  const { selectedStepId, selectStep } = useSelectedStep();
  const { view, selectView } = useDetailView();
  const steps = useMemo(
    () => stepsQuery.data?.pages.flatMap((page) => page.steps) ?? [],
    [stepsQuery.data],
  );
  const findings = findingsQuery.data ?? NO_FINDINGS;
  const findingsByStep = useMemo(() => groupFindingsByStep(findings), [findings]);
  const flaggedStepIds = useMemo(() => new Set(findingsByStep.keys()), [findingsByStep]);
  const stepOrder = useMemo(() => new Map(steps.map((step, index) => [step.id, index])), [steps]);
  const firstSuspiciousStepId = useMemo(
    () => findFirstSuspiciousStep(findings, stepOrder),
    [findings, stepOrder],
  );
  // Measured once per page of steps, not on every selection: a run can have 100,000 steps.
  const timeline = useMemo(
    () => (traceQuery.data ? measureTimeline(traceQuery.data, steps) : null),
    [traceQuery.data, steps],
  );
  const {
    hasNextPage,
    isFetching,
    isFetchingNextPage,
    isError: hasStepsError,
    fetchNextPage,
  } = stepsQuery;

  // Every page is fetched, one after another, so every view shows the whole run; a failed page
  // stops the loop until the reader retries. It waits for any fetch, not only a next-page one:
  // fetchNextPage cancels whatever fetch is in flight, such as a background refetch of the pages
  // already loaded.
  useEffect(() => {
    if (hasNextPage && !isFetching && !hasStepsError) void fetchNextPage();
  }, [hasNextPage, isFetching, hasStepsError, fetchNextPage]);

  // Jumping to a step (from a finding) scrolls it into view even when it is already selected.
  const [revealRequest, setRevealRequest] = useState(0);
  const goToStep = useCallback(
    (stepId: string) => {
      selectStep(stepId);
      setRevealRequest((count) => count + 1);
    },
    [selectStep],
  );

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
  // Null only while the run has not loaded, which the checks above already answered.
  if (!timeline) return <p className={styles.notice}>Loading run…</p>;
  const selectedIndex = selectedStepId ? stepOrder.get(selectedStepId) : undefined;
  const selectedStep = selectedIndex === undefined ? undefined : steps[selectedIndex];
  // Loading lasts until the last page has arrived: while a page is on its way the bar stays, even
  // in a render where the pages so far do not (yet) promise another.
  const isLoadingSteps = hasNextPage || isFetchingNextPage;
  const progress: ReactNode = isLoadingSteps ? (
    <StepLoadProgress
      loaded={steps.length}
      total={trace.stepCount}
      failure={stepsQuery.isFetchNextPageError ? stepsQuery.error?.message : undefined}
      onRetry={() => void fetchNextPage()}
    />
  ) : null;
  const stepViewProps: StepViewProps = {
    steps,
    timeline,
    selectedStepId,
    onSelectStep: selectStep,
    flaggedStepIds,
    firstSuspiciousStepId,
    revealRequest,
    footer: progress,
  };

  return (
    <>
      <TraceSummary projectId={projectId} trace={trace} />
      <TraceFindings
        projectId={projectId}
        traceId={traceId}
        findings={findings}
        firstSuspiciousStepId={firstSuspiciousStepId}
        onGoToStep={goToStep}
      />
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
              <StepList {...stepViewProps} />
            ) : view === "timeline" ? (
              <StepTimelineView {...stepViewProps} stepOrder={stepOrder} />
            ) : isLoadingSteps ? (
              <section className={styles.waiting} aria-label="Decision graph">
                <p className={styles.notice}>The graph is drawn once every step has loaded.</p>
                {progress}
              </section>
            ) : (
              <DecisionGraphView
                steps={steps}
                selectedStepId={selectedStepId}
                onSelectStep={selectStep}
                flaggedStepIds={flaggedStepIds}
                firstSuspiciousStepId={firstSuspiciousStepId}
                revealRequest={revealRequest}
              />
            )}
          </div>
        )}
        {selectedStep ? (
          <StepInspector
            projectId={projectId}
            step={selectedStep}
            origin={trace.startTime}
            findings={findingsByStep.get(selectedStep.id) ?? NO_FINDINGS}
          />
        ) : selectedStepId && !stepsQuery.isPending ? (
          <EmptyState title="Step not shown">
            <p>
              Step <code>{selectedStepId}</code> is not among the steps loaded so far.
              {isLoadingSteps ? " It will appear when the rest of the run has loaded." : ""}
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
