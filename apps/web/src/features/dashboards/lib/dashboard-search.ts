import type { AppRouter } from "@loupe/api";
import type { inferRouterInputs } from "@trpc/server";

type OverviewInput = inferRouterInputs<AppRouter>["dashboard"]["overview"];

/** The dashboard's settings as they travel in the URL, so a view is a shareable link. */
export const DASHBOARD_RANGES = ["1h", "24h", "7d", "30d", "custom"] as const satisfies readonly OverviewInput["range"][];
export type DashboardRange = (typeof DASHBOARD_RANGES)[number];

export const DASHBOARD_RANGE_LABELS: Record<DashboardRange, string> = {
  "1h": "1 hour",
  "24h": "24 hours",
  "7d": "7 days",
  "30d": "30 days",
  custom: "Custom",
};

/** The widest custom range the server charts; the picker says so before asking. */
export const MAX_CUSTOM_RANGE_DAYS = 90;

export const BREAKDOWN_DIMENSIONS = ["model", "agent", "prompt_version"] as const satisfies readonly NonNullable<
  OverviewInput["breakdownBy"]
>[];
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export const BREAKDOWN_LABELS: Record<BreakdownDimension, string> = {
  model: "Model",
  agent: "Agent",
  prompt_version: "Prompt version",
};

/**
 * Thirty days covers the demo corpus, which spreads its runs over the three weeks before the
 * moment it was loaded, so a first visit shows every run.
 */
export const DEFAULT_DASHBOARD_RANGE: DashboardRange = "30d";
const DEFAULT_BREAKDOWN: BreakdownDimension = "model";

export type DashboardSearch = {
  range: DashboardRange;
  breakdown: BreakdownDimension;
  /** Only with the custom range: ISO timestamps. */
  from?: string;
  to?: string;
};

type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

function readParam(params: SearchParamsLike, key: string): string | undefined {
  const raw = params instanceof URLSearchParams ? params.get(key) : params[key];
  return (Array.isArray(raw) ? raw[0] : raw)?.trim() || undefined;
}

function readIsoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function isOneOf<T extends string>(values: readonly T[], value: string | undefined): value is T {
  return value !== undefined && (values as readonly string[]).includes(value);
}

/**
 * The settings in a URL's query. Anything malformed falls back to the default, and a custom range
 * without both ends falls back too, rather than failing the page.
 */
export function parseDashboardSearch(params: SearchParamsLike): DashboardSearch {
  const range = readParam(params, "range");
  const breakdown = readParam(params, "breakdown");
  const search: DashboardSearch = {
    range: isOneOf(DASHBOARD_RANGES, range) ? range : DEFAULT_DASHBOARD_RANGE,
    breakdown: isOneOf(BREAKDOWN_DIMENSIONS, breakdown) ? breakdown : DEFAULT_BREAKDOWN,
  };
  if (search.range !== "custom") return search;
  const from = readIsoDate(readParam(params, "from"));
  const to = readIsoDate(readParam(params, "to"));
  return from && to ? { ...search, from, to } : { ...search, range: DEFAULT_DASHBOARD_RANGE };
}

/** The query string for the settings, in a stable order. */
export function serializeDashboardSearch(search: DashboardSearch): string {
  const params = new URLSearchParams({ range: search.range });
  if (search.range === "custom" && search.from && search.to) {
    params.set("from", search.from);
    params.set("to", search.to);
  }
  if (search.breakdown !== DEFAULT_BREAKDOWN) params.set("breakdown", search.breakdown);
  return params.toString();
}
