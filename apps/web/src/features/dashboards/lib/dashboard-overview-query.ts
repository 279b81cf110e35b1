import type { AppRouter } from "@loupe/api";
import type { TRPCOptionsProxy } from "@trpc/tanstack-react-query";
import type { DashboardSearch } from "./dashboard-search";

/**
 * The dashboard's query, built the same way by the server (to prefetch) and the browser, so both
 * address the same cache entry. Relative ranges are measured from now by the server.
 */
export function buildDashboardOverviewQuery(
  trpc: TRPCOptionsProxy<AppRouter>,
  { projectId, search }: { projectId: string; search: DashboardSearch },
) {
  return trpc.dashboard.overview.queryOptions({
    projectId,
    range: search.range,
    breakdownBy: search.breakdown,
    ...(search.range === "custom" ? { from: search.from, to: search.to } : {}),
  });
}
