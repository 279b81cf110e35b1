import type { RouterOutputs } from "@loupe/api";
import { formatBucketLabel } from "./format-dashboard";

type DashboardOverview = RouterOutputs["dashboard"]["overview"];

export type SeriesChartPoint = {
  label: string;
  /** Runs that did not fail, stacked under the failed ones. */
  otherRuns: number;
  failedRuns: number;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  latencyP99Ms: number | null;
  cost: number;
  tokens: number;
};

/** The run series as the time charts plot it: one labelled point per bucket. */
export function buildSeriesChartData(
  series: DashboardOverview["series"],
  bucket: DashboardOverview["window"]["bucket"],
): SeriesChartPoint[] {
  return series.map((point) => ({
    label: formatBucketLabel(point.bucketStart, bucket),
    otherRuns: point.runs - point.failedRuns,
    failedRuns: point.failedRuns,
    latencyP50Ms: point.latencyP50Ms,
    latencyP95Ms: point.latencyP95Ms,
    latencyP99Ms: point.latencyP99Ms,
    cost: point.cost,
    tokens: point.inputTokens + point.outputTokens,
  }));
}
