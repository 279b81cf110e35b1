import type { RouterOutputs } from "@loupe/api";
import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";
import { Timestamp } from "@/components/timestamp";
import { buildTracePath } from "@/features/shell/lib/project-sections";
import { buildSessionPath } from "@/features/sessions/lib/session-paths";
import {
  formatCost,
  formatElapsed,
  formatFindingKind,
  formatInteger,
  formatTokens,
} from "@/lib/format";
import type { TraceSort } from "../lib/trace-filters";
import styles from "./trace-columns.module.css";

export type TraceRow = RouterOutputs["trace"]["list"]["traces"][number];

const column = createColumnHelper<TraceRow>();

const VISIBLE_TAGS = 2;
const VISIBLE_FINDING_KINDS = 2;

/** The sort each sortable column stands for, by column id. */
export const SORTABLE_TRACE_COLUMNS: Partial<Record<string, TraceSort>> = {
  startTime: "startTime",
  duration: "duration",
  stepCount: "steps",
  tokens: "tokens",
  totalCost: "cost",
  findingCount: "findings",
};

/** The kinds of a run's open findings, a few spelled out and the rest counted. */
function FindingKindBadges({ kinds }: { kinds: string[] }) {
  if (kinds.length === 0) return null;
  const hidden = kinds.length - VISIBLE_FINDING_KINDS;
  return (
    <span className={styles.findingKinds} title={kinds.join(", ")} data-testid="finding-kinds">
      {kinds.slice(0, VISIBLE_FINDING_KINDS).map((kind) => (
        <span key={kind} className={styles.findingKind}>
          {formatFindingKind(kind)}
        </span>
      ))}
      {hidden > 0 ? <span className="faint">+{hidden}</span> : null}
    </span>
  );
}

/** The trace list's columns; `meta.numeric` right-aligns a column, SORTABLE_TRACE_COLUMNS sort. */
export function buildTraceColumns(projectId: string) {
  return [
    column.accessor("startTime", {
      header: "Start time",
      cell: (info) => <Timestamp date={info.getValue()} />,
    }),
    column.accessor("name", {
      header: "Name",
      cell: (info) => (
        <Link className={styles.nameLink} href={buildTracePath(projectId, info.row.original.id)}>
          {info.getValue()}
        </Link>
      ),
    }),
    column.accessor("status", {
      header: "Status",
      cell: (info) => <StatusBadge status={info.getValue()} />,
    }),
    column.display({
      id: "duration",
      header: "Duration",
      meta: { numeric: true },
      cell: ({ row }) => formatElapsed(row.original.startTime, row.original.endTime),
    }),
    column.accessor("stepCount", {
      header: "Steps",
      meta: { numeric: true },
      cell: (info) => (
        <>
          {formatInteger(info.getValue())}
          {info.row.original.errorCount > 0 ? (
            <span className={styles.errorCount} title="Steps that failed">
              {info.row.original.errorCount} failed
            </span>
          ) : null}
        </>
      ),
    }),
    column.display({
      id: "tokens",
      header: "Tokens",
      meta: { numeric: true },
      cell: ({ row }) => {
        const { inputTokens, outputTokens } = row.original;
        const total = inputTokens + outputTokens;
        return (
          <span title={`${formatInteger(inputTokens)} in · ${formatInteger(outputTokens)} out`}>
            {formatTokens(total)}
          </span>
        );
      },
    }),
    column.accessor("totalCost", {
      header: "Cost",
      meta: { numeric: true },
      cell: (info) => formatCost(info.getValue()),
    }),
    column.accessor("findingCount", {
      header: "Findings",
      meta: { numeric: true },
      cell: (info) => (
        <>
          {info.getValue() > 0 ? (
            <span className={styles.findings}>{info.getValue()}</span>
          ) : (
            <span className="faint">0</span>
          )}
          <FindingKindBadges kinds={info.row.original.findingKinds} />
        </>
      ),
    }),
    column.accessor("sessionId", {
      header: "Session",
      cell: (info) => {
        const sessionId = info.getValue();
        return sessionId ? (
          <Link
            className={styles.sessionLink}
            href={buildSessionPath(projectId, sessionId)}
            title={sessionId}
          >
            {sessionId}
          </Link>
        ) : (
          <span className="faint">—</span>
        );
      },
    }),
    column.accessor("userId", {
      header: "User",
      cell: (info) => {
        const userId = info.getValue();
        return userId ? (
          <span className={styles.user} title={userId}>
            {userId}
          </span>
        ) : (
          <span className="faint">—</span>
        );
      },
    }),
    column.accessor("tags", {
      header: "Tags",
      cell: (info) => {
        const tags = info.getValue();
        const hidden = tags.length - VISIBLE_TAGS;
        return (
          <span title={tags.join(", ")}>
            {tags.slice(0, VISIBLE_TAGS).map((tag) => (
              <span key={tag} className="tag">
                {tag}
              </span>
            ))}
            {hidden > 0 ? <span className="faint">+{hidden}</span> : null}
          </span>
        );
      },
    }),
  ];
}
