import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { TraceExplorer } from "@/features/traces/components/trace-explorer";
import { buildTraceListFilters, parseTraceFilters } from "@/features/traces/lib/trace-filters";
import { buildTraceListQuery } from "@/features/traces/lib/trace-list-query";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Traces" };

const MINUTE_MS = 60_000;

export default async function TracesPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { projectId } = await params;
  const filters = parseTraceFilters(await searchParams);
  // Relative ranges are measured once, here, and handed to the browser so that the prefetched
  // and the rendered query share one cache key; rounding keeps it stable across quick reloads.
  const now = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
  await getQueryClient().prefetchInfiniteQuery(
    buildTraceListQuery(trpc, {
      projectId,
      filters: buildTraceListFilters(filters, new Date(now)),
    }),
  );
  return (
    <HydrateClient>
      <PageHeader title="Traces" description="Every run of your agents, newest first." />
      <TraceExplorer projectId={projectId} filters={filters} now={now} />
    </HydrateClient>
  );
}
