import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { PageHeader } from "@/components/page-header";
import { PromptDetail } from "@/features/prompts/components/prompt-detail";

export const metadata: Metadata = { title: "Prompt" };

export default async function PromptPage({ params }: { params: Promise<{ projectId: string; name: string }> }) {
  const { projectId, name } = await params;
  const promptName = decodeURIComponent(name);
  return (
    <>
      <PageHeader title={promptName} description="Immutable versions, labels and diffs." />
      <p>
        <Link href={`/project/${projectId}/prompts`}>← All prompts</Link>
      </p>
      <Suspense>
        <PromptDetail projectId={projectId} name={promptName} />
      </Suspense>
    </>
  );
}
