import { formatTimestamp } from "@/lib/format";

/** 0% · 0.4% · 13% · 100% — a share of runs, with a decimal only below ten percent. */
export function formatPercent(fraction: number | null): string {
  if (fraction === null || !Number.isFinite(fraction)) return "—";
  const percent = fraction * 100;
  if (percent === 0 || percent === 100) return `${percent}%`;
  return `${Number(percent.toFixed(percent < 10 ? 1 : 0))}%`;
}

/**
 * A bucket's label on a time axis, in UTC so the server and the browser agree: "06-01" for a day,
 * "06-01 14:00" for an hour.
 */
export function formatBucketLabel(bucketStart: Date, bucket: "hour" | "day"): string {
  const timestamp = formatTimestamp(bucketStart, "UTC");
  return bucket === "day" ? timestamp.slice(5, 10) : timestamp.slice(5, 16);
}
