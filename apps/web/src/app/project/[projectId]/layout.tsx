import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/features/shell/components/app-shell";
import { getServerCaller } from "@/trpc/server";

export default async function ProjectLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ projectId: string }>;
}) {
  const { projectId } = await params;
  const caller = await getServerCaller();
  const projects = await caller.project.list();
  if (!projects.some((project) => project.id === projectId)) notFound();
  return (
    <AppShell projects={projects.map(({ id, name }) => ({ id, name }))} projectId={projectId}>
      {children}
    </AppShell>
  );
}
