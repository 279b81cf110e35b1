"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { buildProjectPath, findActiveSection, PROJECT_SECTIONS } from "../lib/project-sections";
import styles from "./sidebar-nav.module.css";

export function SidebarNav({ projectId }: { projectId: string }) {
  const activeSection = findActiveSection(usePathname());
  return (
    <nav className={styles.nav} aria-label="Project">
      <ul>
        {PROJECT_SECTIONS.map((section) => (
          <li key={section.id}>
            <Link
              className={styles.link}
              href={buildProjectPath(projectId, section.id)}
              aria-current={section.id === activeSection ? "page" : undefined}
              data-testid={`nav-${section.id}`}
            >
              {section.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
