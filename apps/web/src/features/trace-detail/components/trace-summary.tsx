import type { RouterOutputs } from "@loupe/api";
import Link from "next/link";
import type { ReactNode } from "react";
import { StatusBadge } from "@/components/status-badge";
import { Timestamp } from "@/components/timestamp";
import { buildSessionPath } from "@/features/sessions/lib/session-paths";
import { buildProjectPath } from "@/features/shell/lib/project-sections";
import { formatCost, formatElapsed, formatInteger } from "@/lib/format";
import styles from "./trace-summary.module.css";

type TraceDetail = RouterOutputs["trace"]["byId"];

export function TraceSummary({ projectId, trace }: { projectId: string; trace: TraceDetail }) {
  const stats: [string, ReactNode][] = [
    ["Started", <Timestamp key="started" date={trace.startTime} />],
    ["Duration", formatElapsed(trace.startTime, trace.endTime)],
    [
      "Steps",
      `${formatInteger(trace.stepCount)}${trace.errorCount > 0 ? ` (${trace.errorCount} failed)` : ""}`,
    ],
    ["Tokens", `${formatInteger(trace.inputTokens)} in · ${formatInteger(trace.outputTokens)} out`],
    ["Cost", formatCost(trace.totalCost)],
    ["Findings", formatInteger(trace.findingCount)],
    [
      "Session",
      trace.sessionId ? (
        <Link key="session" href={buildSessionPath(projectId, trace.sessionId)}>
          {trace.sessionId}
        </Link>
      ) : (
        "—"
      ),
    ],
    ["User", trace.userId ?? "—"],
    ["Release", trace.release ?? "—"],
    ["Environment", trace.environment],
  ];
  return (
    <header className={styles.summary}>
      <nav className={styles.breadcrumb} aria-label="Breadcrumb">
        <Link href={buildProjectPath(projectId, "traces")}>← Traces</Link>
      </nav>
      <div className={styles.titleRow}>
        <h1 className={styles.title}>{trace.name}</h1>
        <StatusBadge status={trace.status} />
        <code className={styles.traceId}>{trace.id}</code>
      </div>
      {trace.tags.length > 0 ? (
        <div>
          {trace.tags.map((tag) => (
            <span key={tag} className="tag">
              {tag}
            </span>
          ))}
        </div>
      ) : null}
      <dl className={styles.stats}>
        {stats.map(([label, value]) => (
          <div key={label} className={styles.stat}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {trace.statusMessage ? (
        <p className={styles.statusMessage} role="note">
          {trace.statusMessage}
        </p>
      ) : null}
    </header>
  );
}
