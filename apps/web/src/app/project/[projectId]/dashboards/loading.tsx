import { PageHeader } from "@/components/page-header";
import { DashboardSkeleton } from "@/features/dashboards/components/dashboard-skeleton";

export default function DashboardsLoading() {
  return (
    <>
      <PageHeader title="Dashboards" description="How your agents behave over time: runs, failures, latency, spend and findings." />
      <DashboardSkeleton />
    </>
  );
}
