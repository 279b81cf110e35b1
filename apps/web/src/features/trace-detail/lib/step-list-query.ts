import type { AppRouter } from "@loupe/api";
import type { TRPCOptionsProxy } from "@trpc/tanstack-react-query";

// The largest page the api serves: a run of 25,000 steps loads in 50 requests.
const STEP_PAGE_SIZE = 500;

/** A trace's steps as an infinite query, shared by the server prefetch and the browser. */
export function buildStepListQuery(
  trpc: TRPCOptionsProxy<AppRouter>,
  { projectId, traceId }: { projectId: string; traceId: string },
) {
  return trpc.trace.steps.infiniteQueryOptions(
    { projectId, traceId, limit: STEP_PAGE_SIZE },
    { getNextPageParam: (page) => page.nextCursor },
  );
}
