import Link from "next/link";
import type { ReactNode } from "react";
import { buildProjectPath } from "../lib/project-sections";
import styles from "./app-shell.module.css";
import { ProjectSwitcher, type ProjectOption } from "./project-switcher";
import { SidebarNav } from "./sidebar-nav";

export function AppShell({
  projects,
  projectId,
  children,
}: {
  projects: ProjectOption[];
  projectId: string;
  children: ReactNode;
}) {
  return (
    <div className={styles.shell}>
      <a className={styles.skipLink} href="#main">
        Skip to content
      </a>
      <aside className={styles.sidebar}>
        <Link className={styles.brand} href={buildProjectPath(projectId, "traces")}>
          <span className={styles.brandMark} aria-hidden="true" />
          Loupe
        </Link>
        <ProjectSwitcher projects={projects} projectId={projectId} />
        <SidebarNav projectId={projectId} />
      </aside>
      <main id="main" className={styles.main}>
        {children}
      </main>
    </div>
  );
}
