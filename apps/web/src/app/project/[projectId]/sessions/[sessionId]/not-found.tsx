"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { EmptyState } from "@/components/empty-state";
import { buildProjectPath } from "@/features/shell/lib/project-sections";

export default function SessionNotFound() {
  const { projectId } = useParams<{ projectId: string }>();
  return (
    <EmptyState
      title="Session not found"
      actions={
        <Link className="button" href={buildProjectPath(projectId, "sessions")}>
          Back to sessions
        </Link>
      }
    >
      <p>This project has no session with this id, and no runs that name it.</p>
    </EmptyState>
  );
}
