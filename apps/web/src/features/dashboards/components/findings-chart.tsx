"use client";

import type { RouterOutputs } from "@loupe/api";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { formatInteger } from "@/lib/format";
import { CHART_COLORS, sizeBarList } from "../lib/chart-theme";
import { ChartPanel } from "./chart-panel";
import styles from "./dashboard.module.css";

type FindingKindCount = RouterOutputs["dashboard"]["overview"]["findingsByKind"][number];

/** The tooltip's heading: the kind and how many runs it touched. */
function describeKind(findings: FindingKindCount[], kind: unknown): string {
  const entry = findings.find((candidate) => candidate.kind === kind);
  if (!entry) return String(kind);
  return `${entry.kind} — ${formatInteger(entry.runsAffected)} ${entry.runsAffected === 1 ? "run" : "runs"} affected`;
}

export function FindingsChart({ findings }: { findings: FindingKindCount[] }) {
  return (
    <ChartPanel title="Findings by kind" description="What the detectors flagged in these runs; dismissed findings left out.">
      {findings.length === 0 ? (
        <p className={styles.none}>No findings in this range.</p>
      ) : (
        <BarChart
          style={sizeBarList(findings.length)}
          responsive
          layout="vertical"
          data={findings}
          title="Findings by kind"
          desc="Horizontal bars: the number of findings of each kind."
        >
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="kind" width={150} interval={0} tick={{ fontSize: 11 }} />
          <Tooltip
            formatter={(value) => formatInteger(typeof value === "number" ? value : 0)}
            labelFormatter={(kind) => describeKind(findings, kind)}
          />
          <Bar dataKey="findings" name="Findings" fill={CHART_COLORS.warning} isAnimationActive={false} />
        </BarChart>
      )}
    </ChartPanel>
  );
}
