import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/page-header";
import { AlertDelivery } from "@/features/alerts/components/alert-delivery";
import { AlertInbox } from "@/features/alerts/components/alert-inbox";
import { AlertRules } from "@/features/alerts/components/alert-rules";
import { AlertsTabs, type AlertsTab } from "@/features/alerts/components/alerts-tabs";

export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<{ tab?: string }>;
}) {
  const [{ projectId }, { tab }] = await Promise.all([params, searchParams]);
  const current: AlertsTab = tab === "rules" || tab === "delivery" ? tab : "inbox";
  return (
    <>
      <PageHeader title="Alerts" description="What on-call needs to look at, grouped so one problem pages you once." />
      <AlertsTabs projectId={projectId} current={current} />
      {current === "inbox" ? (
        <Suspense>
          <AlertInbox projectId={projectId} />
        </Suspense>
      ) : current === "rules" ? (
        <AlertRules projectId={projectId} />
      ) : (
        <AlertDelivery projectId={projectId} />
      )}
    </>
  );
}
