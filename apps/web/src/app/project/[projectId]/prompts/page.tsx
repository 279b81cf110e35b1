import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { PromptList } from "@/features/prompts/components/prompt-list";

export const metadata: Metadata = { title: "Prompts" };

export default async function PromptsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return (
    <>
      <PageHeader title="Prompts" description="Versioned prompt templates: what each step was rendered from, and what a replay can swap in." />
      <PromptList projectId={projectId} />
    </>
  );
}
