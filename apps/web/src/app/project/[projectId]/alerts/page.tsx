import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Alerts" };

export default function AlertsPage() {
  return (
    <>
      <PageHeader
        title="Alerts"
        description="What on-call needs to look at, grouped so one problem pages you once."
      />
      <EmptyState title="Alerts are not available yet" badge="Coming soon">
        <p>
          This page will list alerts raised by your rules — a detector finding such as a tool loop
          or a retry storm, or a metric such as error rate or cost per hour crossing its threshold —
          each grouped across the runs it hits, with acknowledge, snooze and resolve.
        </p>
      </EmptyState>
    </>
  );
}
