import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Dashboards" };

export default function DashboardsPage() {
  return (
    <>
      <PageHeader title="Dashboards" description="How your agents behave over time." />
      <EmptyState title="Dashboards are not available yet" badge="Coming soon">
        <p>
          This page will chart runs, error rate, latency percentiles, token use and cost over time,
          broken down by agent, model, release and tool, so you can see a regression the moment it
          ships.
        </p>
      </EmptyState>
    </>
  );
}
