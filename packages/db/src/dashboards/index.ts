export type { DashboardBucket, DashboardWindow } from "./dashboard-window.ts";
export { readRunSeries, type RunSeriesPoint } from "./read-run-series.ts";
export { readFindingsByKind, type FindingKindCount } from "./read-findings-by-kind.ts";
export {
  readUsageBreakdown,
  USAGE_DIMENSIONS,
  type UsageBreakdownRow,
  type UsageDimension,
} from "./read-usage-breakdown.ts";
export { readCostliestRuns, type CostlyRun } from "./read-costliest-runs.ts";
export { readDashboardTotals, type DashboardTotals } from "./read-dashboard-totals.ts";
