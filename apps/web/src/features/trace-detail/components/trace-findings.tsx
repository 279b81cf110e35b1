"use client";

import type { RouterOutputs } from "@loupe/api";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { JsonView } from "@/components/json-view";
import { formatFindingKind } from "@/lib/format";
import { useTRPC } from "@/trpc/client";
import styles from "./trace-findings.module.css";

export type TraceFinding = RouterOutputs["finding"]["forTrace"][number];

/**
 * The run's open findings at the top of the page, most severe first: what was flagged, why, the
 * evidence, a way to the step it starts at, and dismissal for a false alarm.
 */
export function TraceFindings({
  projectId,
  traceId,
  findings,
  firstSuspiciousStepId,
  onGoToStep,
}: {
  projectId: string;
  traceId: string;
  findings: TraceFinding[];
  firstSuspiciousStepId: string | null;
  onGoToStep: (stepId: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const dismiss = useMutation(
    trpc.finding.dismiss.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({
            queryKey: trpc.finding.forTrace.queryKey({ projectId, traceId }),
          }),
          queryClient.invalidateQueries({
            queryKey: trpc.trace.byId.queryKey({ projectId, traceId }),
          }),
        ]),
    }),
  );

  if (findings.length === 0) return null;
  return (
    <section className={styles.panel} aria-label="Findings" data-testid="trace-findings">
      <div className={styles.header}>
        <h2 className={styles.title}>
          {findings.length === 1 ? "1 finding" : `${findings.length} findings`}
        </h2>
        {firstSuspiciousStepId ? (
          <button
            type="button"
            className="button button-primary"
            onClick={() => onGoToStep(firstSuspiciousStepId)}
          >
            Jump to the first suspicious step
          </button>
        ) : null}
      </div>
      {dismiss.isError ? (
        <p className={styles.error} role="alert">
          The finding could not be dismissed: {dismiss.error.message}
        </p>
      ) : null}
      <ul className={styles.list}>
        {findings.map((finding) => (
          <li key={finding.id} className={styles.finding} data-testid="finding">
            <FindingHeadline finding={finding} />
            <p className={styles.explanation}>{finding.explanation}</p>
            <details className={styles.evidence}>
              <summary>Evidence · {describeStepCount(finding.stepIds.length)}</summary>
              <JsonView value={finding.evidence} label={`Evidence for ${finding.kind}`} />
            </details>
            <div className={styles.actions}>
              {finding.firstStepId ? (
                <button
                  type="button"
                  className="button"
                  onClick={() => finding.firstStepId && onGoToStep(finding.firstStepId)}
                >
                  Go to first step
                </button>
              ) : null}
              <button
                type="button"
                className="button"
                disabled={dismiss.isPending}
                onClick={() => dismiss.mutate({ projectId, findingId: finding.id })}
              >
                Dismiss
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Severity and kind, as both the header and the inspector show a finding. */
export function FindingHeadline({ finding }: { finding: TraceFinding }) {
  return (
    <div className={styles.headline}>
      <span className={styles.severity} data-severity={finding.severity}>
        {finding.severity}
      </span>
      <span className={styles.kind}>{formatFindingKind(finding.kind)}</span>
    </div>
  );
}

function describeStepCount(count: number): string {
  return count === 1 ? "1 step" : `${count} steps`;
}
