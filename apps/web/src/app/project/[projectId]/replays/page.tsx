import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { ReplayBatches } from "@/features/replay/components/replay-batches";
import { ReplayHistory } from "@/features/replay/components/replay-history";

export const metadata: Metadata = { title: "Replays" };

export default async function ReplaysPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return (
    <>
      <PageHeader
        title="Replays"
        description="Recorded LLM steps re-run against other prompt versions: the same context, pinned temperature and seed, cached by fingerprint."
      />
      <ReplayBatches projectId={projectId} />
      <ReplayHistory projectId={projectId} />
    </>
  );
}
