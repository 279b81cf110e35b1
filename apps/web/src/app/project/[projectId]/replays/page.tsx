import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Replays" };

export default function ReplaysPage() {
  return (
    <>
      <PageHeader title="Replays" description="Recorded model calls, re-executed." />
      <EmptyState title="Replays are not available yet" badge="Coming soon">
        <p>
          This page will list replays: a recorded LLM step sent again, as recorded or with a changed
          prompt, model or parameters, with its new output and cost diffed against the original.
        </p>
      </EmptyState>
    </>
  );
}
