import { redirect } from "next/navigation";
import { connection } from "next/server";
import { NoProjects } from "@/features/shell/components/no-projects";
import { buildProjectPath } from "@/features/shell/lib/project-sections";
import { getServerCaller } from "@/trpc/server";

export default async function HomePage() {
  // The project list lives in the database, which exists only at request time.
  await connection();
  const caller = await getServerCaller();
  const [firstProject] = await caller.project.list();
  if (firstProject) redirect(buildProjectPath(firstProject.id, "traces"));
  return <NoProjects />;
}
