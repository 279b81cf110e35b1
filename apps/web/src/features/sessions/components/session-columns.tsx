import type { RouterOutputs } from "@loupe/api";
import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { Timestamp } from "@/components/timestamp";
import { formatCost, formatElapsed, formatInteger } from "@/lib/format";
import { buildSessionPath } from "../lib/session-paths";

export type SessionRow = RouterOutputs["session"]["list"]["sessions"][number];

const column = createColumnHelper<SessionRow>();

export function buildSessionColumns(projectId: string) {
  return [
    column.accessor("id", {
      header: "Session",
      cell: (info) => (
        <Link className="mono" href={buildSessionPath(projectId, info.getValue())}>
          {info.getValue()}
        </Link>
      ),
    }),
    column.accessor("userId", {
      header: "User",
      cell: (info) => info.getValue() ?? <span className="faint">—</span>,
    }),
    column.accessor("traceCount", {
      header: "Runs",
      meta: { numeric: true },
      cell: (info) => formatInteger(info.getValue()),
    }),
    column.accessor("firstSeenAt", {
      header: "First seen",
      cell: (info) => <Timestamp date={info.getValue()} />,
    }),
    column.accessor("lastSeenAt", {
      header: "Last seen",
      cell: (info) => <Timestamp date={info.getValue()} />,
    }),
    column.display({
      id: "span",
      header: "Span",
      meta: { numeric: true },
      cell: ({ row }) => formatElapsed(row.original.firstSeenAt, row.original.lastSeenAt),
    }),
    column.accessor("totalCost", {
      header: "Cost",
      meta: { numeric: true },
      cell: (info) => formatCost(info.getValue()),
    }),
  ];
}
