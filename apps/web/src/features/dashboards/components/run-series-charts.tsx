"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatCost, formatDuration, formatInteger, formatTokens } from "@/lib/format";
import { CHART_COLORS, CHART_STYLE } from "../lib/chart-theme";
import type { SeriesChartPoint } from "../lib/series-chart-data";
import { ChartPanel } from "./chart-panel";

const AXIS_TICK = { fontSize: 11 };

/** Recharts hands tooltip values over loosely typed; these are always numbers or empty here. */
function asNumber(value: unknown): number | null {
  return typeof value === "number" ? value : null;
}

export function RunsChart({ data }: { data: SeriesChartPoint[] }) {
  return (
    <ChartPanel title="Runs and failures" description="Runs started in each bucket; failed runs on top.">
      <BarChart
        style={CHART_STYLE}
        responsive
        data={data}
        title="Runs and failures over time"
        desc="Stacked bars: runs that did not fail, and failed runs, per time bucket."
      >
        <CartesianGrid vertical={false} strokeDasharray="3 3" />
        <XAxis dataKey="label" tick={AXIS_TICK} minTickGap={16} />
        <YAxis allowDecimals={false} tick={AXIS_TICK} width={40} />
        <Tooltip formatter={(value) => formatInteger(asNumber(value) ?? 0)} />
        <Legend />
        <Bar dataKey="otherRuns" name="Runs" stackId="runs" fill={CHART_COLORS.primary} isAnimationActive={false} />
        <Bar dataKey="failedRuns" name="Failed" stackId="runs" fill={CHART_COLORS.error} isAnimationActive={false} />
      </BarChart>
    </ChartPanel>
  );
}

/** Dots, because a bucket between two quiet ones has no line to draw. */
const LATENCY_DOT = { r: 2 };

export function LatencyChart({ data }: { data: SeriesChartPoint[] }) {
  return (
    <ChartPanel title="Latency" description="Percentiles of finished runs' wall-clock time.">
      <LineChart
        style={CHART_STYLE}
        responsive
        data={data}
        title="Run latency p50, p95 and p99 over time"
        desc="Three lines: the 50th, 95th and 99th percentile of run duration per time bucket."
      >
        <CartesianGrid vertical={false} strokeDasharray="3 3" />
        <XAxis dataKey="label" tick={AXIS_TICK} minTickGap={16} />
        <YAxis tick={AXIS_TICK} width={72} tickFormatter={(value: number) => formatDuration(value)} />
        <Tooltip formatter={(value) => formatDuration(asNumber(value))} />
        <Legend />
        <Line dataKey="latencyP50Ms" name="p50" stroke={CHART_COLORS.primarySoft} dot={LATENCY_DOT} isAnimationActive={false} />
        <Line dataKey="latencyP95Ms" name="p95" stroke={CHART_COLORS.primary} dot={LATENCY_DOT} isAnimationActive={false} />
        <Line dataKey="latencyP99Ms" name="p99" stroke={CHART_COLORS.warning} dot={LATENCY_DOT} isAnimationActive={false} />
      </LineChart>
    </ChartPanel>
  );
}

export function CostAndTokensChart({ data }: { data: SeriesChartPoint[] }) {
  return (
    <ChartPanel title="Cost and tokens" description="Spend (bars) and tokens in and out (line).">
      <ComposedChart
        style={CHART_STYLE}
        responsive
        data={data}
        title="Cost and tokens over time"
        desc="Bars show cost in US dollars and a line shows tokens, per time bucket."
      >
        <CartesianGrid vertical={false} strokeDasharray="3 3" />
        <XAxis dataKey="label" tick={AXIS_TICK} minTickGap={16} />
        <YAxis yAxisId="cost" tick={AXIS_TICK} width={56} tickFormatter={(value: number) => formatCost(value)} />
        <YAxis
          yAxisId="tokens"
          orientation="right"
          tick={AXIS_TICK}
          width={48}
          tickFormatter={(value: number) => formatTokens(value)}
        />
        <Tooltip
          formatter={(value, name) =>
            name === "Cost" ? formatCost(asNumber(value)) : formatTokens(asNumber(value))
          }
        />
        <Legend />
        <Bar yAxisId="cost" dataKey="cost" name="Cost" fill={CHART_COLORS.primary} isAnimationActive={false} />
        <Line
          yAxisId="tokens"
          dataKey="tokens"
          name="Tokens"
          stroke={CHART_COLORS.warning}
          dot={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ChartPanel>
  );
}
