"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useState } from "react";

/** The step named in `?step=`, so every step has its own shareable URL. */
export function useSelectedStep() {
  const stepInUrl = useSearchParams().get("step");
  // Next updates useSearchParams after a pushState in a transition, a render or more later; a key
  // pressed in between would move from the old step. State set in the click or key handler is
  // rendered before the next event, so the views always see the step just chosen.
  const [selectedStepId, setSelectedStepId] = useState(stepInUrl);
  const [lastStepInUrl, setLastStepInUrl] = useState(stepInUrl);
  if (stepInUrl !== lastStepInUrl) {
    // Back, forward or a link changed the URL: follow it.
    setLastStepInUrl(stepInUrl);
    setSelectedStepId(stepInUrl);
  }

  // A plain history entry is enough: the page's server data does not depend on the selected step,
  // so there is nothing to fetch.
  const selectStep = useCallback((stepId: string) => {
    setSelectedStepId(stepId);
    const url = new URL(window.location.href);
    url.searchParams.set("step", stepId);
    window.history.pushState(null, "", url);
  }, []);

  return { selectedStepId, selectStep };
}

/** The href of a step, relative to the trace page, for real links that open in a new tab too. */
export function buildStepHref(stepId: string): string {
  return `?${new URLSearchParams({ step: stepId }).toString()}`;
}
