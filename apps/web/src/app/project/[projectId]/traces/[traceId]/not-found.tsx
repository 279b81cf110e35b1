"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { EmptyState } from "@/components/empty-state";
import { buildProjectPath } from "@/features/shell/lib/project-sections";

export default function TraceNotFound() {
  const { projectId } = useParams<{ projectId: string }>();
  return (
    <EmptyState
      title="Run not found"
      actions={
        <Link className="button" href={buildProjectPath(projectId, "traces")}>
          Back to traces
        </Link>
      }
    >
      <p>
        This project has no run with this id. It may have been deleted, or the link may be wrong.
      </p>
    </EmptyState>
  );
}
