/**
 * Display formatting for the numbers and names an observability UI is made of. Pure, so SSR and
 * tests agree.
 */

const EMPTY = "—";

/** 850 ms · 1.25 s · 12.3 s · 2m 05s · 1h 02m */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return EMPTY;
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1_000).toFixed(2)} s`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const totalSeconds = Math.floor(ms / 1_000);
  if (totalSeconds < 3_600) {
    return `${Math.floor(totalSeconds / 60)}m ${String(totalSeconds % 60).padStart(2, "0")}s`;
  }
  const totalMinutes = Math.floor(totalSeconds / 60);
  return `${Math.floor(totalMinutes / 60)}h ${String(totalMinutes % 60).padStart(2, "0")}m`;
}

/** The time between two instants; a run that has not ended has no duration yet. */
export function formatElapsed(start: Date, end: Date | null | undefined): string {
  return end ? formatDuration(end.getTime() - start.getTime()) : EMPTY;
}

/** $0 · <$0.0001 · $0.0004 · $0.0123 · $1.23 · $1,234.50 */
export function formatCost(usd: number | null | undefined): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return EMPTY;
  if (usd === 0) return "$0";
  if (usd < 0.0001) return "<$0.0001";
  if (usd < 1) return `$${Number(usd.toFixed(4))}`;
  return `$${usd.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** 950 · 12.3k · 1.2M — compact, for dense tables. */
export function formatTokens(count: number | bigint | null | undefined): string {
  if (count === null || count === undefined) return EMPTY;
  const value = Number(count);
  if (value < 1_000) return String(value);
  if (value < 1_000_000) return `${trimZero((value / 1_000).toFixed(1))}k`;
  return `${trimZero((value / 1_000_000).toFixed(1))}M`;
}

/** 1,234,567 — exact, for tooltips and detail views. */
export function formatInteger(count: number | bigint): string {
  return count.toLocaleString("en-US");
}

/** 2025-03-01 10:04:05 in the given time zone. */
export function formatTimestamp(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}:${part("second")}`;
}

/** How far into its run a step started: +0 ms · +1.25 s */
export function formatOffset(start: Date, origin: Date): string {
  return `+${formatDuration(Math.max(0, start.getTime() - origin.getTime()))}`;
}

/** Pretty-printed JSON; a plain string is shown as itself rather than quoted. */
export function formatJson(value: unknown): string {
  if (value === undefined) return "(none)";
  if (typeof value === "string") return value;
  return JSON.stringify(value, null, 2);
}

/** repeated_call → repeated call */
export function formatFindingKind(kind: string): string {
  return kind.replaceAll("_", " ");
}

function trimZero(fixed: string): string {
  return fixed.endsWith(".0") ? fixed.slice(0, -2) : fixed;
}
