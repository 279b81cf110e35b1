import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TraceDetail } from "@/features/trace-detail/components/trace-detail";
import { buildStepListQuery } from "@/features/trace-detail/lib/step-list-query";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Trace" };

export default async function TracePage({
  params,
}: {
  params: Promise<{ projectId: string; traceId: string }>;
}) {
  const { projectId, traceId } = await params;
  const queryClient = getQueryClient();
  // Steps and findings load alongside the trace; a prefetch never rejects, so it can be left running.
  const stepsLoaded = queryClient.prefetchInfiniteQuery(
    buildStepListQuery(trpc, { projectId, traceId }),
  );
  const findingsLoaded = queryClient.prefetchQuery(
    trpc.finding.forTrace.queryOptions({ projectId, traceId }),
  );
  try {
    await queryClient.fetchQuery(trpc.trace.byId.queryOptions({ projectId, traceId }));
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  await Promise.all([stepsLoaded, findingsLoaded]);
  return (
    <HydrateClient>
      <TraceDetail projectId={projectId} traceId={traceId} />
    </HydrateClient>
  );
}
