import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Prompts" };

export default function PromptsPage() {
  return (
    <>
      <PageHeader title="Prompts" description="Versioned prompts and where each version is used." />
      <EmptyState title="Prompts are not available yet" badge="Coming soon">
        <p>
          This page will list your prompts with their numbered versions and labels, show which runs
          used each version, and let you compare versions side by side.
        </p>
      </EmptyState>
    </>
  );
}
