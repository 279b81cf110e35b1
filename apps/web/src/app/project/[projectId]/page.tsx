import { redirect } from "next/navigation";
import { buildProjectPath } from "@/features/shell/lib/project-sections";

export default async function ProjectHomePage({
  params,
}: {
  params: Promise<{ projectId: string }>;
}) {
  const { projectId } = await params;
  redirect(buildProjectPath(projectId, "traces"));
}
