import type { AppRouter } from "@loupe/api";
import type { TRPCOptionsProxy } from "@trpc/tanstack-react-query";

const SESSION_PAGE_SIZE = 50;

/** The session list's infinite query, shared by the server prefetch and the browser. */
export function buildSessionListQuery(
  trpc: TRPCOptionsProxy<AppRouter>,
  { projectId }: { projectId: string },
) {
  return trpc.session.list.infiniteQueryOptions(
    { projectId, limit: SESSION_PAGE_SIZE },
    { getNextPageParam: (page) => page.nextCursor },
  );
}
