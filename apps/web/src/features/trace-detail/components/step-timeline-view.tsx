"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import type { KeyboardEvent } from "react";
import { useMemo, useRef } from "react";
import { formatElapsed, formatOffset } from "@/lib/format";
import { buildStepHref } from "../hooks/use-selected-step";
import { selectOnPlainClick, useRevealSelectedRow, type StepViewProps } from "../hooks/use-step-row-navigation";
import { computeStepDepths } from "../lib/step-depth";
import { placeOnTimeline } from "../lib/step-timeline";
import { assignParallelLanes, buildTimeAxis } from "../lib/timeline-layout";
import { FindingMarker } from "./finding-marker";
import type { StepRow } from "./step-list";
import { StepKind } from "./step-kind";
import viewStyles from "./step-view.module.css";
import styles from "./step-timeline-view.module.css";

const ROW_HEIGHT_PX = 26;
const INDENT_PX = 10;
/** Lanes beyond this share the last colour; more parallel branches than that are rare. */
const LANE_COLOURS = 4;

/**
 * The run as a waterfall: one row per step in the order they started, each bar placed by its start
 * and end against the run's span. Nested steps are indented; a step that ran while an earlier
 * sibling was still going is marked with its parallel lane, so concurrent branches stand out.
 */
export function StepTimelineView({
  steps,
  stepOrder,
  timeline,
  selectedStepId,
  onSelectStep,
  flaggedStepIds,
  firstSuspiciousStepId,
  revealRequest,
  footer,
}: StepViewProps & {
  /** Each step's position in `steps`, which is its row here. */
  stepOrder: ReadonlyMap<string, number>;
}) {
  const depths = useMemo(() => computeStepDepths(steps), [steps]);
  const lanes = useMemo(() => assignParallelLanes(steps), [steps]);
  const ticks = useMemo(() => buildTimeAxis(timeline.totalMs), [timeline.totalMs]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: steps.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: 12,
  });

  useRevealSelectedRow({ selectedStepId, rowIndex: stepOrder, revealRequest, virtualizer });

  function moveSelection(event: KeyboardEvent<HTMLDivElement>) {
    const index = selectedStepId ? stepOrder.get(selectedStepId) : undefined;
    let target: string | undefined;
    if (event.key === "ArrowDown") target = steps[index === undefined ? 0 : index + 1]?.id;
    else if (event.key === "ArrowUp") target = steps[index === undefined ? 0 : index - 1]?.id;
    else return;
    event.preventDefault();
    if (target) onSelectStep(target);
  }

  return (
    <section className={viewStyles.panel} aria-label="Timeline" data-testid="step-timeline">
      <div className={viewStyles.heading}>
        <span>Timeline</span>
        <span>↑ ↓ to move · ∥ ran in parallel</span>
      </div>
      <div className={styles.axis} aria-hidden="true">
        <span className={styles.axisLabel}>Step</span>
        <span className={styles.axisTrack}>
          {ticks.map((tick) => (
            <span
              key={tick.offsetMs}
              className={styles.tick}
              data-edge={tick.percent > 90 ? "end" : undefined}
              style={{ left: `${tick.percent}%` }}
            >
              {tick.label}
            </span>
          ))}
        </span>
      </div>
      <div
        ref={scrollRef}
        className={viewStyles.scroller}
        role="listbox"
        aria-label="Steps on the timeline"
        tabIndex={0}
        aria-activedescendant={selectedStepId ? `timeline-row-${selectedStepId}` : undefined}
        onKeyDown={moveSelection}
      >
        <div className={styles.gridLines} aria-hidden="true">
          <span className={styles.axisLabel} />
          <span className={styles.axisTrack}>
            {ticks.map((tick) => (
              <span
                key={tick.offsetMs}
                className={styles.gridLine}
                style={{ left: `${tick.percent}%` }}
              />
            ))}
          </span>
        </div>
        <div className={viewStyles.canvas} style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const step = steps[item.index];
            if (!step) return null;
            const bar = placeOnTimeline(step, timeline);
            const lane = lanes.get(step.id) ?? 0;
            const isSelected = step.id === selectedStepId;
            const isFlagged = flaggedStepIds.has(step.id);
            const isFirstSuspicious = step.id === firstSuspiciousStepId;
            return (
              <a
                key={step.id}
                id={`timeline-row-${step.id}`}
                role="option"
                tabIndex={-1}
                aria-selected={isSelected}
                aria-current={isSelected ? "true" : undefined}
                href={buildStepHref(step.id)}
                className={`${viewStyles.stepRow} ${styles.row}`}
                data-testid="timeline-row"
                data-step-id={step.id}
                data-flagged={isFlagged ? "true" : undefined}
                data-first-suspicious={isFirstSuspicious ? "true" : undefined}
                style={{ height: item.size, transform: `translateY(${item.start}px)` }}
                title={describeTiming(step, timeline.origin, lane)}
                onClick={(event) => selectOnPlainClick(event, step.id, onSelectStep)}
              >
                <span
                  className={styles.label}
                  style={{ paddingLeft: (depths.get(step.id) ?? 0) * INDENT_PX }}
                >
                  <StepKind kind={step.kind} />
                  <span className={styles.name}>{step.name}</span>
                  {lane > 0 ? (
                    <span className={styles.lane} aria-label={`parallel lane ${lane + 1}`}>
                      ∥{lane + 1}
                    </span>
                  ) : null}
                  {/* No flag or tooltip: a flagged row is tinted, and a tooltip of the marker's
                      own would hide the row's timing. */}
                  <FindingMarker isFirstSuspicious={isFirstSuspicious} isCompact />
                </span>
                <span className={styles.track}>
                  <span
                    className={`${viewStyles.stepBar} ${styles.bar}`}
                    data-testid="timeline-bar"
                    data-status={step.status}
                    data-lane={Math.min(lane, LANE_COLOURS - 1)}
                    style={{ left: `${bar.left}%`, width: `${bar.width}%` }}
                  />
                </span>
              </a>
            );
          })}
        </div>
      </div>
      {footer}
    </section>
  );
}

/** The exact times behind a bar, for its tooltip. */
function describeTiming(step: StepRow, origin: Date, lane: number): string {
  const lines = [
    `${step.name} (${step.kind}, ${step.status})`,
    `Started ${step.startTime.toISOString()} (${formatOffset(step.startTime, origin)})`,
    step.endTime
      ? `Ended ${step.endTime.toISOString()} (${formatOffset(step.endTime, origin)})`
      : "Still running",
    `Duration ${formatElapsed(step.startTime, step.endTime)}`,
  ];
  if (lane > 0) lines.push(`Ran in parallel with an earlier sibling (lane ${lane + 1})`);
  return lines.join("\n");
}
