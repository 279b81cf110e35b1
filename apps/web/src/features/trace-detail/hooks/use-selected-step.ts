"use client";

import { useSearchParams } from "next/navigation";
import { useCallback } from "react";

/** The step named in `?step=`, so every step has its own shareable URL. */
export function useSelectedStep() {
  const selectedStepId = useSearchParams().get("step");

  // A plain history entry is enough: Next keeps useSearchParams in sync, and the page's server
  // data does not depend on the selected step, so there is nothing to fetch.
  const selectStep = useCallback((stepId: string) => {
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
