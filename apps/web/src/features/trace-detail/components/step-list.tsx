"use client";

import type { RouterOutputs } from "@loupe/api";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { KeyboardEvent } from "react";
import { useCallback, useMemo, useRef, useState } from "react";
import { StatusBadge } from "@/components/status-badge";
import { formatElapsed } from "@/lib/format";
import { buildStepHref } from "../hooks/use-selected-step";
import { selectOnPlainClick, useRevealSelectedRow, type StepViewProps } from "../hooks/use-step-row-navigation";
import { placeOnTimeline } from "../lib/step-timeline";
import { buildStepTree, flattenStepTree, listAncestors } from "../lib/step-tree";
import { FindingMarker } from "./finding-marker";
import styles from "./step-list.module.css";
import { StepKind } from "./step-kind";
import viewStyles from "./step-view.module.css";

export type StepRow = RouterOutputs["trace"]["steps"]["steps"][number];

const INDENT_PX = 14;
const ROW_HEIGHT_PX = 32;
const MARKER_TITLES = {
  firstSuspicious: "The earliest step a finding points at",
  flagged: "A finding names this step",
};

/**
 * The run's steps as a tree with a waterfall. Only the rows in view are rendered, so a run of tens
 * of thousands of steps scrolls as smoothly as a short one. ↑/↓ move, ←/→ collapse and expand.
 */
export function StepList({
  steps,
  timeline,
  selectedStepId,
  onSelectStep,
  flaggedStepIds,
  firstSuspiciousStepId,
  revealRequest,
  footer,
}: StepViewProps) {
  const stepsById = useMemo(() => new Map(steps.map((step) => [step.id, step])), [steps]);
  const tree = useMemo(() => buildStepTree(steps), [steps]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const rows = useMemo(() => flattenStepTree(tree, collapsed), [tree, collapsed]);
  const rowIndex = useMemo(() => new Map(rows.map((row, index) => [row.id, index])), [rows]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: 12,
  });

  // Collapsing a selected step's parent afterwards is left alone; selecting a hidden step opens it.
  const unhide = useCallback(
    (stepId: string) => {
      const hidden = listAncestors(tree, stepId).filter((id) => collapsed.has(id));
      if (hidden.length === 0) return false;
      setCollapsed((current) => {
        const next = new Set(current);
        for (const id of hidden) next.delete(id);
        return next;
      });
      return true;
    },
    [tree, collapsed],
  );
  useRevealSelectedRow({ selectedStepId, rowIndex, revealRequest, virtualizer, unhide });

  function setExpanded(stepId: string, isExpanded: boolean) {
    setCollapsed((current) => {
      if (current.has(stepId) === !isExpanded) return current;
      const next = new Set(current);
      if (isExpanded) next.delete(stepId);
      else next.add(stepId);
      return next;
    });
  }

  function moveSelection(event: KeyboardEvent<HTMLDivElement>) {
    const index = selectedStepId ? rowIndex.get(selectedStepId) : undefined;
    const row = index === undefined ? undefined : rows[index];
    let target: string | undefined;
    switch (event.key) {
      case "ArrowDown":
        target = index === undefined ? rows[0]?.id : rows[index + 1]?.id;
        break;
      case "ArrowUp":
        target = index === undefined ? rows[0]?.id : rows[index - 1]?.id;
        break;
      case "ArrowRight":
        if (row?.hasChildren && !row.isExpanded) setExpanded(row.id, true);
        else if (row?.isExpanded && index !== undefined) target = rows[index + 1]?.id;
        break;
      case "ArrowLeft":
        if (row?.isExpanded) setExpanded(row.id, false);
        else if (row) target = tree.parents.get(row.id);
        break;
      default:
        return;
    }
    event.preventDefault();
    if (target) onSelectStep(target);
  }

  return (
    <section className={viewStyles.panel} aria-label="Steps">
      <div className={viewStyles.heading}>
        <span>Steps</span>
        <span>↑ ↓ to move · ← → to fold</span>
      </div>
      <div
        ref={scrollRef}
        className={viewStyles.scroller}
        role="tree"
        aria-label="Step tree"
        tabIndex={0}
        aria-activedescendant={selectedStepId ? `step-row-${selectedStepId}` : undefined}
        onKeyDown={moveSelection}
      >
        <div className={viewStyles.canvas} style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            const step = row ? stepsById.get(row.id) : undefined;
            if (!row || !step) return null;
            const bar = placeOnTimeline(step, timeline);
            const detail = step.model ?? step.toolName;
            return (
              <div
                key={row.id}
                className={styles.row}
                style={{ height: item.size, transform: `translateY(${item.start}px)` }}
              >
                <span className={styles.toggleSlot} style={{ paddingLeft: row.depth * INDENT_PX }}>
                  {row.hasChildren ? (
                    <button
                      type="button"
                      tabIndex={-1}
                      className={styles.toggle}
                      aria-label={`${row.isExpanded ? "Collapse" : "Expand"} ${step.name}`}
                      onClick={() => setExpanded(row.id, !row.isExpanded)}
                    >
                      {row.isExpanded ? "▾" : "▸"}
                    </button>
                  ) : null}
                </span>
                <a
                  id={`step-row-${row.id}`}
                  role="treeitem"
                  tabIndex={-1}
                  aria-level={row.depth + 1}
                  aria-expanded={row.hasChildren ? row.isExpanded : undefined}
                  aria-selected={step.id === selectedStepId}
                  href={buildStepHref(step.id)}
                  className={`${viewStyles.stepRow} ${styles.step}`}
                  data-step-id={step.id}
                  data-testid="step-row"
                  data-flagged={flaggedStepIds.has(step.id) ? "true" : undefined}
                  data-first-suspicious={step.id === firstSuspiciousStepId ? "true" : undefined}
                  aria-current={step.id === selectedStepId ? "true" : undefined}
                  onClick={(event) => selectOnPlainClick(event, step.id, onSelectStep)}
                >
                  <StepKind kind={step.kind} />
                  <span className={styles.name}>
                    {step.name}
                    {detail && detail !== step.name ? (
                      <span className={styles.detail}>{detail}</span>
                    ) : null}
                  </span>
                  <FindingMarker
                    isFirstSuspicious={step.id === firstSuspiciousStepId}
                    isFlagged={flaggedStepIds.has(step.id)}
                    titles={MARKER_TITLES}
                    keepsCell
                  />
                  <StatusBadge status={step.status} />
                  <span className={styles.duration}>
                    {formatElapsed(step.startTime, step.endTime)}
                  </span>
                  <span className={styles.track} aria-hidden="true">
                    <span
                      className={`${viewStyles.stepBar} ${styles.bar}`}
                      data-status={step.status}
                      style={{ left: `${bar.left}%`, width: `${bar.width}%` }}
                    />
                  </span>
                </a>
              </div>
            );
          })}
        </div>
      </div>
      {footer}
    </section>
  );
}
