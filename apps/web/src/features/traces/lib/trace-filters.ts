/** The trace list's filters as they travel in the URL, so a filtered list is a shareable link. */
export const TRACE_STATUSES = ["running", "ok", "error"] as const;
export type TraceStatusFilter = (typeof TRACE_STATUSES)[number];

export const TIME_RANGES = ["1h", "24h", "7d", "30d", "custom"] as const;
export type TimeRange = (typeof TIME_RANGES)[number];

export const TIME_RANGE_LABELS: Record<TimeRange, string> = {
  "1h": "Last hour",
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  custom: "Custom range",
};

const RANGE_MS: Record<Exclude<TimeRange, "custom">, number> = {
  "1h": 60 * 60 * 1000,
  "24h": 24 * 60 * 60 * 1000,
  "7d": 7 * 24 * 60 * 60 * 1000,
  "30d": 30 * 24 * 60 * 60 * 1000,
};

export type TraceFilters = {
  name?: string;
  status?: TraceStatusFilter;
  session?: string;
  user?: string;
  tag?: string;
  environment?: string;
  range?: TimeRange;
  /** Only with the custom range: ISO timestamps. */
  from?: string;
  to?: string;
};

/** The URL parameter that carries each filter; `session` matches the links from the sessions page. */
export const TRACE_TEXT_PARAMS = {
  name: "name",
  session: "session",
  user: "user",
  tag: "tag",
  environment: "env",
} as const satisfies Partial<Record<keyof TraceFilters, string>>;

const MAX_TEXT_LENGTH = 256;

type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

function readParam(params: SearchParamsLike, key: string): string | undefined {
  const raw = params instanceof URLSearchParams ? params.get(key) : params[key];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value && value.length <= MAX_TEXT_LENGTH ? value : undefined;
}

function readIsoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function isOneOf<T extends string>(values: readonly T[], value: string | undefined): value is T {
  return value !== undefined && (values as readonly string[]).includes(value);
}

/** Filters from a URL's query; anything malformed is dropped rather than failing the page. */
export function parseTraceFilters(params: SearchParamsLike): TraceFilters {
  const filters: TraceFilters = {};
  for (const [field, key] of Object.entries(TRACE_TEXT_PARAMS) as [
    keyof typeof TRACE_TEXT_PARAMS,
    string,
  ][]) {
    const value = readParam(params, key);
    if (value) filters[field] = value;
  }
  const status = readParam(params, "status");
  if (isOneOf(TRACE_STATUSES, status)) filters.status = status;
  const range = readParam(params, "range");
  if (isOneOf(TIME_RANGES, range)) {
    filters.range = range;
    if (range === "custom") {
      const from = readIsoDate(readParam(params, "from"));
      const to = readIsoDate(readParam(params, "to"));
      if (from) filters.from = from;
      if (to) filters.to = to;
    }
  }
  return filters;
}

/** The query string for a set of filters, in a stable order; empty when nothing is filtered. */
export function serializeTraceFilters(filters: TraceFilters): string {
  const params = new URLSearchParams();
  for (const [field, key] of Object.entries(TRACE_TEXT_PARAMS) as [
    keyof typeof TRACE_TEXT_PARAMS,
    string,
  ][]) {
    const value = filters[field]?.trim();
    if (value) params.set(key, value);
  }
  if (filters.status) params.set("status", filters.status);
  if (filters.range) {
    params.set("range", filters.range);
    if (filters.range === "custom") {
      if (filters.from) params.set("from", filters.from);
      if (filters.to) params.set("to", filters.to);
    }
  }
  return params.toString();
}

export function hasTraceFilters(filters: TraceFilters): boolean {
  return serializeTraceFilters(filters).length > 0;
}

/** The `trace.list` filter input for a set of URL filters, with relative ranges measured from `now`. */
export function buildTraceListFilters(filters: TraceFilters, now: Date) {
  const { range } = filters;
  const startedAfter =
    range === "custom"
      ? filters.from
        ? new Date(filters.from)
        : undefined
      : range
        ? new Date(now.getTime() - RANGE_MS[range])
        : undefined;
  const startedBefore = range === "custom" && filters.to ? new Date(filters.to) : undefined;
  return {
    ...(filters.name ? { name: filters.name } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.session ? { sessionId: filters.session } : {}),
    ...(filters.user ? { userId: filters.user } : {}),
    ...(filters.tag ? { tag: filters.tag } : {}),
    ...(filters.environment ? { environment: filters.environment } : {}),
    ...(startedAfter ? { startedAfter } : {}),
    ...(startedBefore ? { startedBefore } : {}),
  };
}
export type TraceListFilters = ReturnType<typeof buildTraceListFilters>;
