"use client";

import type { RouterOutputs } from "@loupe/api";
import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable } from "@/components/data-table";
import { StatusBadge } from "@/components/status-badge";
import { Timestamp } from "@/components/timestamp";
import { buildTracePath } from "@/features/shell/lib/project-sections";
import { formatCost, formatInteger, formatTokens } from "@/lib/format";
import { ChartPanel } from "./chart-panel";
import styles from "./dashboard.module.css";

type CostlyRun = RouterOutputs["dashboard"]["overview"]["costliestRuns"][number];

const column = createColumnHelper<CostlyRun>();

function buildCostlyRunColumns(projectId: string) {
  return [
    column.accessor("name", {
      header: "Run",
      cell: (info) => (
        <Link href={buildTracePath(projectId, info.row.original.id)}>{info.getValue()}</Link>
      ),
    }),
    column.accessor("status", {
      header: "Status",
      cell: (info) => <StatusBadge status={info.getValue()} />,
    }),
    column.accessor("startTime", {
      header: "Started",
      cell: (info) => <Timestamp date={info.getValue()} />,
    }),
    column.accessor("steps", {
      header: "Steps",
      meta: { numeric: true },
      cell: (info) => formatInteger(info.getValue()),
    }),
    column.accessor("tokens", {
      header: "Tokens",
      meta: { numeric: true },
      cell: (info) => formatTokens(info.getValue()),
    }),
    column.accessor("cost", {
      header: "Cost",
      meta: { numeric: true },
      cell: (info) => formatCost(info.getValue()),
    }),
  ];
}

export function CostliestRunsTable({ projectId, runs }: { projectId: string; runs: CostlyRun[] }) {
  const columns = useMemo(() => buildCostlyRunColumns(projectId), [projectId]);
  return (
    <ChartPanel title="Costliest runs" description="The ten runs in this range that cost the most.">
      {runs.length === 0 ? (
        <p className={styles.none}>No run in this range has a cost.</p>
      ) : (
        <DataTable
          data={runs}
          columns={columns}
          getRowId={(run) => run.id}
          rowTestId="costly-run-row"
          label="Costliest runs"
        />
      )}
    </ChartPanel>
  );
}
