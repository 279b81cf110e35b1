import {
  readCostliestRuns,
  readDashboardTotals,
  readFindingsByKind,
  readRunSeries,
  readUsageBreakdown,
  type Database,
  type DashboardBucket,
  type UsageDimension,
} from "@loupe/db";
import { ServiceError } from "../errors.ts";
import type { DashboardRange } from "./dashboard-schemas.ts";

const HOUR_MS = 60 * 60 * 1000;
const RELATIVE_RANGE_MS: Record<Exclude<DashboardRange, "custom">, number> = {
  "1h": HOUR_MS,
  "24h": 24 * HOUR_MS,
  "7d": 7 * 24 * HOUR_MS,
  "30d": 30 * 24 * HOUR_MS,
};
/** Up to two days reads best hour by hour; beyond that, hourly points are too many to tell apart. */
const LONGEST_HOURLY_SPAN_MS = 48 * HOUR_MS;

type DashboardTimeWindow = { from: Date; to: Date; bucket: DashboardBucket };

function withBucket(from: Date, to: Date): DashboardTimeWindow {
  const bucket = to.getTime() - from.getTime() <= LONGEST_HOURLY_SPAN_MS ? "hour" : "day";
  return { from, to, bucket };
}

/** The instants a range covers: a relative range ends now, a custom one is taken as given. */
function resolveDashboardWindow({
  range,
  from,
  to,
  now,
}: {
  range: DashboardRange;
  from?: string | undefined;
  to?: string | undefined;
  now: Date;
}): DashboardTimeWindow {
  if (range !== "custom") return withBucket(new Date(now.getTime() - RELATIVE_RANGE_MS[range]), now);
  if (!from || !to) throw new ServiceError("BAD_REQUEST", "A custom range needs a start and an end.");
  return withBucket(new Date(from), new Date(to));
}

/** Everything the dashboards page charts for one time range, each figure aggregated in the database. */
export async function readDashboardOverview({
  db,
  projectId,
  range,
  from,
  to,
  breakdownBy,
}: {
  db: Database;
  projectId: string;
  range: DashboardRange;
  from?: string | undefined;
  to?: string | undefined;
  breakdownBy: UsageDimension;
}) {
  const window = resolveDashboardWindow({ range, from, to, now: new Date() });
  const scope = { projectId, from: window.from, to: window.to };
  const [totals, series, findingsByKind, usage, costliestRuns] = await Promise.all([
    readDashboardTotals(db, scope),
    readRunSeries(db, { ...scope, bucket: window.bucket }),
    readFindingsByKind(db, scope),
    readUsageBreakdown(db, { ...scope, dimension: breakdownBy }),
    readCostliestRuns(db, scope),
  ]);
  return { window, totals, series, findingsByKind, usage: { dimension: breakdownBy, rows: usage }, costliestRuns };
}
