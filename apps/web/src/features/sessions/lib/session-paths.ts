import { buildProjectPath } from "@/features/shell/lib/project-sections";

/** A session's own page, where its runs read as a conversation. */
export function buildSessionPath(projectId: string, sessionId: string): string {
  return `${buildProjectPath(projectId, "sessions")}/${encodeURIComponent(sessionId)}`;
}
