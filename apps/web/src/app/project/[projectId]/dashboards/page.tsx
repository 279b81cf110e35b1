import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { DashboardView } from "@/features/dashboards/components/dashboard-view";
import { buildDashboardOverviewQuery } from "@/features/dashboards/lib/dashboard-overview-query";
import { parseDashboardSearch } from "@/features/dashboards/lib/dashboard-search";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Dashboards" };

const DESCRIPTION = "How your agents behave over time: runs, failures, latency, spend and findings.";

export default async function DashboardsPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { projectId } = await params;
  const search = parseDashboardSearch(await searchParams);
  await getQueryClient().prefetchQuery(buildDashboardOverviewQuery(trpc, { projectId, search }));
  return (
    <HydrateClient>
      <PageHeader title="Dashboards" description={DESCRIPTION} />
      <DashboardView projectId={projectId} />
    </HydrateClient>
  );
}
