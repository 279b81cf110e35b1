"use client";

import type { Virtualizer } from "@tanstack/react-virtual";
import type { MouseEvent, ReactNode } from "react";
import { useEffect, useRef } from "react";
import type { Timeline } from "../lib/step-timeline";
import type { StepRow } from "../components/step-list";

/** What the tree and the timeline both show and share: the steps, the selection, the flags. */
export type StepViewProps = {
  steps: StepRow[];
  timeline: Timeline;
  selectedStepId: string | null;
  onSelectStep: (stepId: string) => void;
  flaggedStepIds: ReadonlySet<string>;
  firstSuspiciousStepId: string | null;
  /** Bumped to scroll the selected step into view again, even if it is already selected. */
  revealRequest: number;
  footer?: ReactNode;
};

/**
 * Scrolls a newly selected step (from the keyboard, another view, a shared link) into view once;
 * scrolling away afterwards is left alone until a reveal is asked for again. `unhide` opens what
 * hides the step and says whether it had to, so the scroll waits for the next render.
 */
export function useRevealSelectedRow({
  selectedStepId,
  rowIndex,
  revealRequest,
  virtualizer,
  unhide,
}: {
  selectedStepId: string | null;
  rowIndex: ReadonlyMap<string, number>;
  revealRequest: number;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  unhide?: (stepId: string) => boolean;
}) {
  const revealedStepId = useRef<string | null>(null);
  const handledRevealRequest = useRef(revealRequest);
  useEffect(() => {
    if (handledRevealRequest.current !== revealRequest) {
      handledRevealRequest.current = revealRequest;
      revealedStepId.current = null;
    }
    if (!selectedStepId || revealedStepId.current === selectedStepId) return;
    if (unhide?.(selectedStepId)) return;
    const index = rowIndex.get(selectedStepId);
    // A step not loaded yet is revealed when its page arrives.
    if (index === undefined) return;
    virtualizer.scrollToIndex(index, { align: "auto" });
    revealedStepId.current = selectedStepId;
  }, [selectedStepId, rowIndex, virtualizer, revealRequest, unhide]);
}

/** Selects the step a row links to, leaving new-tab and new-window clicks to the browser. */
export function selectOnPlainClick(event: MouseEvent<HTMLAnchorElement>, stepId: string, onSelectStep: (stepId: string) => void) {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  onSelectStep(stepId);
}
