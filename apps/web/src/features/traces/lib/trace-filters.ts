import type { AppRouter } from "@loupe/api";
import { FindingKind } from "@loupe/schema";
import type { inferRouterInputs } from "@trpc/server";

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

type TraceListInput = inferRouterInputs<AppRouter>["trace"]["list"];
export type TraceSort = NonNullable<TraceListInput["sort"]>;
export type SortOrder = NonNullable<TraceListInput["order"]>;

/**
 * The sorts a URL may ask for. The browser cannot load the server's schema, so they are listed
 * here, in a record so that the compiler reports one the schema gains or loses.
 */
const TRACE_SORTS = Object.keys({
  startTime: true,
  duration: true,
  cost: true,
  tokens: true,
  steps: true,
  findings: true,
} satisfies Record<TraceSort, true>) as TraceSort[];
const SORT_ORDERS = ["asc", "desc"] as const satisfies readonly SortOrder[];
/** `startTime` descending is the default and stays out of the URL. */
export const DEFAULT_SORT: { sort: TraceSort; order: SortOrder } = {
  sort: "startTime",
  order: "desc",
};

export const FINDING_KINDS = FindingKind.options;

export type TraceFilters = {
  /** Free text over inputs, outputs, conversations and names, in web-search syntax. */
  search?: string;
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
  findingKind?: FindingKind;
  /** USD. */
  minCost?: number;
  maxCost?: number;
  /** Milliseconds. */
  minLatency?: number;
  maxLatency?: number;
  model?: string;
  agent?: string;
  sort?: TraceSort;
  order?: SortOrder;
};

/** The URL parameter that carries each filter; `session` matches the links from the sessions page. */
export const TRACE_TEXT_PARAMS = {
  search: "q",
  name: "name",
  session: "session",
  user: "user",
  tag: "tag",
  environment: "env",
  model: "model",
  agent: "agent",
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

/** The URL parameter of each numeric range bound. */
export const TRACE_NUMBER_PARAMS = {
  minCost: "minCost",
  maxCost: "maxCost",
  minLatency: "minLatency",
  maxLatency: "maxLatency",
} as const satisfies Partial<Record<keyof TraceFilters, string>>;
type NumberField = keyof typeof TRACE_NUMBER_PARAMS;

function readNumber(value: string | undefined): number | undefined {
  if (!value || !/^\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value)) return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
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
  for (const [field, key] of Object.entries(TRACE_NUMBER_PARAMS) as [NumberField, string][]) {
    const value = readNumber(readParam(params, key));
    if (value !== undefined) filters[field] = value;
  }
  const findingKind = readParam(params, "finding");
  if (isOneOf(FINDING_KINDS, findingKind)) filters.findingKind = findingKind;
  const sort = readParam(params, "sort");
  if (isOneOf(TRACE_SORTS, sort) && sort !== DEFAULT_SORT.sort) filters.sort = sort;
  const order = readParam(params, "order");
  if (isOneOf(SORT_ORDERS, order) && order !== DEFAULT_SORT.order) filters.order = order;
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
  if (filters.findingKind) params.set("finding", filters.findingKind);
  for (const [field, key] of Object.entries(TRACE_NUMBER_PARAMS) as [NumberField, string][]) {
    const value = filters[field];
    if (value !== undefined) params.set(key, String(value));
  }
  if (filters.range) {
    params.set("range", filters.range);
    if (filters.range === "custom") {
      if (filters.from) params.set("from", filters.from);
      if (filters.to) params.set("to", filters.to);
    }
  }
  if (filters.sort && filters.sort !== DEFAULT_SORT.sort) params.set("sort", filters.sort);
  if (filters.order && filters.order !== DEFAULT_SORT.order) params.set("order", filters.order);
  return params.toString();
}

/** Whether anything narrows the list; the order alone does not. */
export function hasTraceFilters(filters: TraceFilters): boolean {
  const { sort: _sort, order: _order, ...narrowing } = filters;
  return serializeTraceFilters(narrowing).length > 0;
}

/** The order the list is shown in, defaults filled in. */
export function readTraceSort(filters: TraceFilters): { sort: TraceSort; order: SortOrder } {
  return { sort: filters.sort ?? DEFAULT_SORT.sort, order: filters.order ?? DEFAULT_SORT.order };
}

/**
 * The filters with the list sorted by `sort`: the current column flips its order, another one
 * starts descending (largest, longest, newest first), as people usually look for the extremes.
 */
export function toggleTraceSort(filters: TraceFilters, sort: TraceSort): TraceFilters {
  const current = readTraceSort(filters);
  const order: SortOrder =
    current.sort === sort ? (current.order === "desc" ? "asc" : "desc") : "desc";
  const { sort: _sort, order: _order, ...rest } = filters;
  return {
    ...rest,
    ...(sort !== DEFAULT_SORT.sort ? { sort } : {}),
    ...(order !== DEFAULT_SORT.order ? { order } : {}),
  };
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
    ...(filters.sort ? { sort: filters.sort } : {}),
    ...(filters.order ? { order: filters.order } : {}),
    ...(filters.search ? { search: filters.search } : {}),
    ...(filters.findingKind ? { findingKind: filters.findingKind } : {}),
    ...(filters.minCost !== undefined ? { minCost: filters.minCost } : {}),
    ...(filters.maxCost !== undefined ? { maxCost: filters.maxCost } : {}),
    ...(filters.minLatency !== undefined ? { minLatencyMs: filters.minLatency } : {}),
    ...(filters.maxLatency !== undefined ? { maxLatencyMs: filters.maxLatency } : {}),
    ...(filters.model ? { model: filters.model } : {}),
    ...(filters.agent ? { agent: filters.agent } : {}),
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
