import { Prisma } from "../generated/prisma/client.ts";

/** The width of one point on a dashboard's time axis. */
export type DashboardBucket = "hour" | "day";

/**
 * What every dashboard read is scoped to: one project's runs that started in [from, to). A run
 * belongs to the window by its start time, and its steps and findings come with it.
 */
export type DashboardWindow = {
  projectId: string;
  from: Date;
  to: Date;
};

const BUCKET_INTERVALS: Record<DashboardBucket, string> = { hour: "1 hour", day: "1 day" };

/** Buckets are aligned to whole UTC hours and days, so the same run lands in the same bucket whatever the window. */
const BUCKET_ORIGIN = Prisma.sql`TIMESTAMPTZ '2000-01-01 00:00:00+00'`;

export function bucketStartSql(bucket: DashboardBucket, column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`date_bin(${BUCKET_INTERVALS[bucket]}::interval, ${column}, ${BUCKET_ORIGIN})`;
}

export function bucketIntervalSql(bucket: DashboardBucket): Prisma.Sql {
  return Prisma.sql`${BUCKET_INTERVALS[bucket]}::interval`;
}

/** The runs of the window, as a WHERE condition on a trace aliased `t`. */
export function runsInWindowSql({ projectId, from, to }: DashboardWindow): Prisma.Sql {
  return Prisma.sql`t.project_id = ${projectId}::uuid AND t.start_time >= ${from} AND t.start_time < ${to}`;
}

/** Runs that have ended, which alone have a latency. */
export const FINISHED_RUN_SQL = Prisma.sql`t.status IN ('ok', 'error') AND t.end_time IS NOT NULL`;

/** A run's wall-clock time in milliseconds, for percentile_cont. */
export const RUN_LATENCY_MS_SQL = Prisma.sql`(extract(epoch FROM t.end_time - t.start_time) * 1000)::float8`;
