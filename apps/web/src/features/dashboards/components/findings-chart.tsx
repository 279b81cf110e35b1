"use client";

import type { RouterOutputs } from "@loupe/api";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { formatInteger } from "@/lib/format";
import { CHART_COLORS, CHART_STYLE } from "../lib/chart-theme";
import { ChartPanel } from "./chart-panel";
import styles from "./dashboard.module.css";

type FindingKindCount = RouterOutputs["dashboard"]["overview"]["findingsByKind"][number];

export function FindingsChart({ findings }: { findings: FindingKindCount[] }) {
  return (
    <ChartPanel title="Findings by kind" description="What the detectors flagged in these runs.">
      {findings.length === 0 ? (
        <p className={styles.none}>No findings in this range.</p>
      ) : (
        <BarChart
          style={CHART_STYLE}
          responsive
          layout="vertical"
          data={findings}
          title="Findings by kind"
          desc="Horizontal bars: the number of findings of each kind, and the runs they affect."
        >
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="kind" width={150} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(value) => formatInteger(typeof value === "number" ? value : 0)} />
          <Bar dataKey="findings" name="Findings" fill={CHART_COLORS.warning} isAnimationActive={false} />
          <Bar dataKey="runsAffected" name="Runs affected" fill={CHART_COLORS.muted} isAnimationActive={false} />
        </BarChart>
      )}
    </ChartPanel>
  );
}
