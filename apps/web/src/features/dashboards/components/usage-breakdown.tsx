"use client";

import type { RouterOutputs } from "@loupe/api";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { DataTable } from "@/components/data-table";
import { formatCost, formatInteger, formatTokens } from "@/lib/format";
import { CHART_COLORS, sizeBarList } from "../lib/chart-theme";
import {
  BREAKDOWN_DIMENSIONS,
  BREAKDOWN_LABELS,
  type BreakdownDimension,
} from "../lib/dashboard-search";
import { formatPercent } from "../lib/format-dashboard";
import { ChartPanel } from "./chart-panel";
import styles from "./dashboard.module.css";

type UsageRow = RouterOutputs["dashboard"]["overview"]["usage"]["rows"][number];
type LabelledUsageRow = UsageRow & { name: string; share: number | null };

/** The row that sums the groups past the costliest ones has no label of its own. */
const OTHERS_LABEL = "All others";

const column = createColumnHelper<LabelledUsageRow>();

function buildUsageColumns(dimension: BreakdownDimension) {
  return [
    column.accessor("name", { header: BREAKDOWN_LABELS[dimension] }),
    column.accessor("cost", {
      header: "Cost",
      meta: { numeric: true },
      cell: (info) => formatCost(info.getValue()),
    }),
    column.accessor("share", {
      header: "Share",
      meta: { numeric: true },
      cell: (info) => formatPercent(info.getValue()),
    }),
    column.accessor("inputTokens", {
      header: "Input tokens",
      meta: { numeric: true },
      cell: (info) => formatTokens(info.getValue()),
    }),
    column.accessor("outputTokens", {
      header: "Output tokens",
      meta: { numeric: true },
      cell: (info) => formatTokens(info.getValue()),
    }),
    column.accessor("llmCalls", {
      header: "LLM calls",
      meta: { numeric: true },
      cell: (info) => formatInteger(info.getValue()),
    }),
  ];
}

/** Where the money and tokens of llm calls went, by model, agent or prompt version. */
export function UsageBreakdown({
  dimension,
  rows,
  onDimensionChange,
}: {
  dimension: BreakdownDimension;
  rows: UsageRow[];
  onDimensionChange: (dimension: BreakdownDimension) => void;
}) {
  const columns = useMemo(() => buildUsageColumns(dimension), [dimension]);
  const labelledRows = useMemo(() => {
    const totalCost = rows.reduce((total, row) => total + row.cost, 0);
    return rows.map((row) => ({
      ...row,
      name: row.label ?? OTHERS_LABEL,
      share: totalCost > 0 ? row.cost / totalCost : null,
    }));
  }, [rows]);

  return (
    <ChartPanel
      title={`Cost by ${BREAKDOWN_LABELS[dimension].toLowerCase()}`}
      description="LLM calls in these runs: the costliest twelve groups, then the rest together."
      testId="usage-breakdown"
      actions={
        <div className={styles.segmented} role="group" aria-label="Break down by">
          {BREAKDOWN_DIMENSIONS.map((candidate) => (
            <button
              key={candidate}
              type="button"
              className={styles.segment}
              aria-pressed={candidate === dimension}
              onClick={() => onDimensionChange(candidate)}
            >
              {BREAKDOWN_LABELS[candidate]}
            </button>
          ))}
        </div>
      }
    >
      {labelledRows.length === 0 ? (
        <p className={styles.none}>No LLM calls in this range.</p>
      ) : (
        <div className={styles.breakdown}>
          <BarChart
            style={sizeBarList(labelledRows.length)}
            responsive
            layout="vertical"
            data={labelledRows}
            title={`Cost by ${BREAKDOWN_LABELS[dimension].toLowerCase()}`}
            desc="Horizontal bars: the cost in US dollars of each group of LLM calls."
          >
            <CartesianGrid horizontal={false} strokeDasharray="3 3" />
            <XAxis type="number" tick={{ fontSize: 11 }} tickFormatter={(value: number) => formatCost(value)} />
            <YAxis type="category" dataKey="name" width={150} interval={0} tick={{ fontSize: 11 }} />
            <Tooltip formatter={(value) => formatCost(typeof value === "number" ? value : null)} />
            <Bar dataKey="cost" name="Cost" fill={CHART_COLORS.primary} isAnimationActive={false} />
          </BarChart>
          <DataTable
            data={labelledRows}
            columns={columns}
            getRowId={(row) => row.name}
            rowTestId="usage-row"
            label={`Cost and tokens by ${BREAKDOWN_LABELS[dimension].toLowerCase()}`}
          />
        </div>
      )}
    </ChartPanel>
  );
}
