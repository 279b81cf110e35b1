import type { AppRouter } from "@loupe/api";
import type { TRPCOptionsProxy } from "@trpc/tanstack-react-query";
import type { TraceListFilters } from "./trace-filters";

const TRACE_PAGE_SIZE = 50;

/**
 * The trace list's infinite query, built the same way by the server (to prefetch) and the browser
 * (to render and load more), so both address the same cache entry.
 */
export function buildTraceListQuery(
  trpc: TRPCOptionsProxy<AppRouter>,
  { projectId, filters }: { projectId: string; filters: TraceListFilters },
) {
  return trpc.trace.list.infiniteQueryOptions(
    { projectId, limit: TRACE_PAGE_SIZE, ...filters },
    { getNextPageParam: (page) => page.nextCursor },
  );
}
