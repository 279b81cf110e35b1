"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useSyncExternalStore } from "react";

const selectionListeners = new Set<() => void>();

function subscribeToSelection(listener: () => void) {
  selectionListeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    selectionListeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

function readStepFromUrl(): string | null {
  return new URLSearchParams(window.location.search).get("step");
}

/**
 * The step named in `?step=`, so every step has its own shareable URL. The URL is read directly
 * rather than through Next's search params, which catch up a render or more after a pushState: a
 * key pressed right after a click must move from the step just clicked.
 */
export function useSelectedStep() {
  // On the server and while hydrating, Next's value; React re-reads the URL on every later render,
  // so navigations Next makes itself are picked up too.
  const stepInParams = useSearchParams().get("step");
  const selectedStepId = useSyncExternalStore(subscribeToSelection, readStepFromUrl, () => stepInParams);

  // A plain history entry is enough: the page's server data does not depend on the selected step,
  // so there is nothing to fetch.
  const selectStep = useCallback((stepId: string) => {
    const url = new URL(window.location.href);
    url.searchParams.set("step", stepId);
    window.history.pushState(null, "", url);
    for (const listener of selectionListeners) listener();
  }, []);

  return { selectedStepId, selectStep };
}

/** The href of a step, relative to the trace page, for real links that open in a new tab too. */
export function buildStepHref(stepId: string): string {
  return `?${new URLSearchParams({ step: stepId }).toString()}`;
}
