import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SessionConversation } from "@/features/sessions/components/session-conversation";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Session" };

export default async function SessionPage({
  params,
}: {
  params: Promise<{ projectId: string; sessionId: string }>;
}) {
  const { projectId, sessionId } = await params;
  try {
    await getQueryClient().fetchQuery(
      trpc.session.conversation.queryOptions({ projectId, sessionId }),
    );
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  return (
    <HydrateClient>
      <SessionConversation projectId={projectId} sessionId={sessionId} />
    </HydrateClient>
  );
}
