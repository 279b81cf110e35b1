"use client";

import { usePathname, useRouter } from "next/navigation";
import { buildProjectPath, findActiveSection } from "../lib/project-sections";
import styles from "./project-switcher.module.css";

export type ProjectOption = { id: string; name: string };

/** Switching keeps you in the same section of the other project. */
export function ProjectSwitcher({
  projects,
  projectId,
}: {
  projects: ProjectOption[];
  projectId: string;
}) {
  const router = useRouter();
  const section = findActiveSection(usePathname()) ?? "traces";
  return (
    <div className={styles.switcher}>
      <label className="label" htmlFor="project-switcher">
        Project
      </label>
      <select
        id="project-switcher"
        className={`input ${styles.select}`}
        value={projectId}
        onChange={(event) => router.push(buildProjectPath(event.target.value, section))}
        data-testid="project-switcher"
      >
        {projects.map((project) => (
          <option key={project.id} value={project.id}>
            {project.name}
          </option>
        ))}
      </select>
    </div>
  );
}
