import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { SessionExplorer } from "@/features/sessions/components/session-explorer";
import { buildSessionListQuery } from "@/features/sessions/lib/session-list-query";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Sessions" };

export default async function SessionsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  await getQueryClient().prefetchInfiniteQuery(buildSessionListQuery(trpc, { projectId }));
  return (
    <HydrateClient>
      <PageHeader
        title="Sessions"
        description="Conversations: the runs that belong together, newest first."
      />
      <SessionExplorer projectId={projectId} />
    </HydrateClient>
  );
}
