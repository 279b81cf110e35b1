/** The sections of a project, in sidebar order. Each is a route under /project/[projectId]/. */
export const PROJECT_SECTIONS = [
  { id: "traces", label: "Traces" },
  { id: "sessions", label: "Sessions" },
  { id: "alerts", label: "Alerts" },
  { id: "dashboards", label: "Dashboards" },
  { id: "prompts", label: "Prompts" },
  { id: "replays", label: "Replays" },
  { id: "settings", label: "Settings" },
] as const;

type ProjectSection = (typeof PROJECT_SECTIONS)[number]["id"];

export function buildProjectPath(projectId: string, section: ProjectSection): string {
  return `/project/${encodeURIComponent(projectId)}/${section}`;
}

export function buildTracePath(projectId: string, traceId: string): string {
  return `${buildProjectPath(projectId, "traces")}/${encodeURIComponent(traceId)}`;
}

export function buildSessionTracesPath(projectId: string, sessionId: string): string {
  return `${buildProjectPath(projectId, "traces")}?session=${encodeURIComponent(sessionId)}`;
}

/** The section a pathname is in, so the sidebar can mark it and the switcher can stay in it. */
export function findActiveSection(pathname: string): ProjectSection | null {
  const segment = /^\/project\/[^/]+\/([^/?#]+)/.exec(pathname)?.[1];
  return PROJECT_SECTIONS.find((section) => section.id === segment)?.id ?? null;
}
