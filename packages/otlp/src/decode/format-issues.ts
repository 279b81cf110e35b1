import type { z } from "zod";

const SHOWN_ISSUES = 3;

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(root)";
  return path
    .map((segment, index) =>
      typeof segment === "number" ? `[${segment}]` : `${index === 0 ? "" : "."}${String(segment)}`,
    )
    .join("");
}

/** `resourceSpans[0].scopeSpans[1].spans[2].startTimeUnixNano: expected …`, a few issues at most. */
export function formatIssues(error: z.ZodError): string {
  const shown = error.issues
    .slice(0, SHOWN_ISSUES)
    .map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const hidden = error.issues.length - shown.length;
  return hidden > 0 ? `${shown.join("; ")} (and ${hidden} more)` : shown.join("; ");
}
