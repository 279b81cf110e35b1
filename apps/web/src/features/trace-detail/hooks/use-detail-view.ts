"use client";

import { useSearchParams } from "next/navigation";
import { useCallback } from "react";

export const DETAIL_VIEWS = ["tree", "timeline", "graph"] as const;
export type DetailView = (typeof DETAIL_VIEWS)[number];

/**
 * Whether the run is shown as a step tree, a timeline or a decision graph, kept in `?view=` for
 * sharing; the tree is the default and has no parameter.
 */
export function useDetailView() {
  const requested = useSearchParams().get("view");
  const view: DetailView = DETAIL_VIEWS.find((option) => option === requested) ?? "tree";

  // As with the selected step, a history entry is enough: nothing on the server depends on it.
  const selectView = useCallback((next: DetailView) => {
    const url = new URL(window.location.href);
    if (next === "tree") url.searchParams.delete("view");
    else url.searchParams.set("view", next);
    window.history.pushState(null, "", url);
  }, []);

  return { view, selectView };
}
