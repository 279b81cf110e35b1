import { Prisma } from "../generated/prisma/client.ts";
import type { RunStatus } from "../generated/prisma/enums.ts";

export type TraceSort = "startTime" | "duration" | "cost" | "tokens" | "steps" | "findings";
export type SortOrder = "asc" | "desc";

export type TraceFilters = {
  sessionId?: string | undefined;
  userId?: string | undefined;
  name?: string | undefined;
  status?: RunStatus | undefined;
  environment?: string | undefined;
  tag?: string | undefined;
  startedAfter?: Date | undefined;
  startedBefore?: Date | undefined;
  /** Web-search syntax ("quoted phrases", -excluded, or) over content, run names and step names. */
  search?: string | undefined;
  /** Runs with a finding of this kind that was not dismissed. */
  findingKind?: string | undefined;
  minCost?: number | undefined;
  maxCost?: number | undefined;
  /** End minus start, in milliseconds; runs still going have none and never match. */
  minLatencyMs?: number | undefined;
  maxLatencyMs?: number | undefined;
  /** Runs with an llm step of this model. */
  model?: string | undefined;
  /** Runs with a step of this agent. */
  agent?: string | undefined;
};

/**
 * Where the next page starts: the last row's id and sort key. `sortKey` is the key exactly as
 * PostgreSQL has it (a start time keeps its microseconds); a cursor without one, as the public API
 * keeps it, resumes the default order from `startTime`.
 */
export type TraceCursor = { startTime: Date; id: string; sortKey?: string | null | undefined };

type SortKey = {
  /** The value rows are ordered by. */
  value: Prisma.Sql;
  /** The same value as text, exact, for the cursor. */
  text: Prisma.Sql;
  /** A cursor's text back to the value's type. */
  parse: (key: string) => Prisma.Sql;
  nullable: boolean;
};

const DURATION_US = Prisma.sql`(EXTRACT(EPOCH FROM (t.end_time - t.start_time)) * 1000000)::bigint`;

const SORT_KEYS: Record<TraceSort, SortKey> = {
  startTime: {
    value: Prisma.sql`t.start_time`,
    text: Prisma.sql`to_char(t.start_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    parse: (key) => Prisma.sql`${key}::timestamptz`,
    nullable: false,
  },
  duration: {
    value: DURATION_US,
    text: Prisma.sql`${DURATION_US}::text`,
    parse: (key) => Prisma.sql`${key}::bigint`,
    nullable: true,
  },
  cost: {
    value: Prisma.sql`t.total_cost`,
    // PostgreSQL 12+ prints the shortest text that reads back as the same double.
    text: Prisma.sql`t.total_cost::text`,
    parse: (key) => Prisma.sql`${key}::double precision`,
    nullable: false,
  },
  tokens: {
    value: Prisma.sql`(t.input_tokens + t.output_tokens)`,
    text: Prisma.sql`(t.input_tokens + t.output_tokens)::text`,
    parse: (key) => Prisma.sql`${key}::bigint`,
    nullable: false,
  },
  steps: {
    value: Prisma.sql`t.step_count`,
    text: Prisma.sql`t.step_count::text`,
    parse: (key) => Prisma.sql`${key}::bigint`,
    nullable: false,
  },
  findings: {
    value: Prisma.sql`t.finding_count`,
    text: Prisma.sql`t.finding_count::text`,
    parse: (key) => Prisma.sql`${key}::bigint`,
    nullable: false,
  },
};

/**
 * The runs a search matches, by trace id: a run whose input or output, or one of whose steps'
 * input, output or conversation messages, is a payload that matches; or whose name, status
 * message, or step names or status messages match.
 *
 * Every branch starts from a GIN index (payload_search_idx, trace_search_idx, step_search_idx) and
 * follows btree indexes from the matching payloads to their references, so the cost grows with the
 * matches, not with the project. Each expression repeats its index's exactly, or the index is not
 * used (packages/db/test/trace-search-index.test.ts checks the plan).
 */
function searchHitsSql(projectId: string, search: string): Prisma.Sql {
  const query = Prisma.sql`websearch_to_tsquery('simple'::regconfig, ${search})`;
  const project = Prisma.sql`${projectId}::uuid`;
  return Prisma.sql`
    matched_payload AS MATERIALIZED (
      SELECT p.hash FROM "payload" p
      WHERE p.project_id = ${project}
        AND to_tsvector('simple'::regconfig, payload_search_text(p.body)) @@ ${query}
    ),
    -- A conversation contains a message when one of its nodes holds it: the node that adds the
    -- message, then every node that continues from it.
    matched_node AS (
      SELECT n.hash FROM matched_payload m
      JOIN "message_node" n ON n.project_id = ${project} AND n.message_hash = m.hash
      UNION
      SELECT c.hash FROM matched_node m
      JOIN "message_node" c ON c.project_id = ${project} AND c.parent_hash = m.hash
    ),
    -- Each reference is looked up per matching hash (OFFSET 0 keeps the planner from flattening
    -- the lookup into a join over the whole project, which row estimates here would favour).
    search_hit AS (
      SELECT r.trace_id FROM matched_payload m, LATERAL (
        SELECT t.id AS trace_id FROM "trace" t WHERE t.project_id = ${project} AND t.input_hash = m.hash
        UNION ALL
        SELECT t.id FROM "trace" t WHERE t.project_id = ${project} AND t.output_hash = m.hash
        UNION ALL
        SELECT s.trace_id FROM "step" s WHERE s.project_id = ${project} AND s.input_hash = m.hash
        UNION ALL
        SELECT s.trace_id FROM "step" s WHERE s.project_id = ${project} AND s.output_hash = m.hash
        OFFSET 0
      ) r
      UNION
      SELECT r.trace_id FROM matched_node m, LATERAL (
        SELECT s.trace_id FROM "step" s
        WHERE s.project_id = ${project} AND s.input_messages_hash = m.hash
        OFFSET 0
      ) r
      UNION
      SELECT t.id FROM "trace" t
      WHERE t.project_id = ${project}
        AND to_tsvector('simple'::regconfig, coalesce(t.name, '') || ' ' || coalesce(t.status_message, '')) @@ ${query}
      UNION
      SELECT s.trace_id FROM "step" s
      WHERE s.project_id = ${project}
        AND to_tsvector('simple'::regconfig, coalesce(s.name, '') || ' ' || coalesce(s.status_message, '')) @@ ${query}
    )`;
}

function filterConditions(projectId: string, filters: TraceFilters): Prisma.Sql[] {
  const project = Prisma.sql`${projectId}::uuid`;
  const conditions: Prisma.Sql[] = [Prisma.sql`t.project_id = ${project}`];
  const add = (condition: Prisma.Sql) => conditions.push(condition);
  if (filters.sessionId) add(Prisma.sql`t.session_id = ${filters.sessionId}`);
  if (filters.userId) add(Prisma.sql`t.user_id = ${filters.userId}`);
  if (filters.name) add(Prisma.sql`t.name = ${filters.name}`);
  if (filters.status) add(Prisma.sql`t.status = ${filters.status}::run_status`);
  if (filters.environment) add(Prisma.sql`t.environment = ${filters.environment}`);
  if (filters.tag) add(Prisma.sql`t.tags @> ARRAY[${filters.tag}]::text[]`);
  if (filters.startedAfter) add(Prisma.sql`t.start_time >= ${filters.startedAfter}::timestamptz`);
  if (filters.startedBefore) add(Prisma.sql`t.start_time < ${filters.startedBefore}::timestamptz`);
  if (filters.minCost !== undefined)
    add(Prisma.sql`t.total_cost >= ${filters.minCost}::double precision`);
  if (filters.maxCost !== undefined)
    add(Prisma.sql`t.total_cost <= ${filters.maxCost}::double precision`);
  if (filters.minLatencyMs !== undefined) {
    add(Prisma.sql`${DURATION_US} >= ${Math.ceil(filters.minLatencyMs * 1000)}::bigint`);
  }
  if (filters.maxLatencyMs !== undefined) {
    add(Prisma.sql`${DURATION_US} <= ${Math.floor(filters.maxLatencyMs * 1000)}::bigint`);
  }
  if (filters.findingKind) {
    add(Prisma.sql`EXISTS (
      SELECT 1 FROM "finding" f
      WHERE f.project_id = ${project} AND f.trace_id = t.id AND f.kind = ${filters.findingKind} AND f.dismissed_at IS NULL)`);
  }
  if (filters.model) {
    add(Prisma.sql`EXISTS (
      SELECT 1 FROM "step" s
      WHERE s.project_id = ${project} AND s.trace_id = t.id AND s.kind = 'llm' AND s.model = ${filters.model})`);
  }
  if (filters.agent) {
    add(Prisma.sql`EXISTS (
      SELECT 1 FROM "step" s
      WHERE s.project_id = ${project} AND s.trace_id = t.id AND s.agent_name = ${filters.agent})`);
  }
  return conditions;
}

/**
 * Rows after the cursor in `(key, id)` order, runs without a key (still going) last in either
 * direction; ids break ties in the same direction as the key.
 */
function keysetCondition(key: SortKey, order: SortOrder, cursor: TraceCursor): Prisma.Sql {
  const after = order === "desc" ? Prisma.sql`<` : Prisma.sql`>`;
  const idAfter = Prisma.sql`t.id ${after} ${cursor.id}`;
  if (cursor.sortKey === null) return Prisma.sql`(${key.value} IS NULL AND ${idAfter})`;
  const cursorValue =
    cursor.sortKey === undefined
      ? Prisma.sql`${cursor.startTime}::timestamptz`
      : key.parse(cursor.sortKey);
  const orNull = key.nullable ? Prisma.sql` OR ${key.value} IS NULL` : Prisma.empty;
  return Prisma.sql`(${key.value} ${after} ${cursorValue} OR (${key.value} = ${cursorValue} AND ${idAfter})${orNull})`;
}

export class TraceCursorError extends Error {
  readonly code = "INVALID_CURSOR";
}

/** One page of trace ids, in order, with each row's sort key for the cursor. */
export function buildTracePageSql({
  projectId,
  limit,
  cursor,
  sort,
  order,
  filters,
}: {
  projectId: string;
  limit: number;
  cursor: TraceCursor | undefined;
  sort: TraceSort;
  order: SortOrder;
  filters: TraceFilters;
}): Prisma.Sql {
  const key = SORT_KEYS[sort];
  const conditions = filterConditions(projectId, filters);
  if (cursor) {
    if (cursor.sortKey === undefined && sort !== "startTime") {
      throw new TraceCursorError(`A cursor for sorting by ${sort} needs its sort key.`);
    }
    conditions.push(keysetCondition(key, order, cursor));
  }
  const direction = order === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  // A search drives the query from its hits, one primary-key lookup each, so a rare word never
  // scans the project's runs.
  const from = filters.search
    ? Prisma.sql`(SELECT DISTINCT trace_id FROM search_hit) hit
        CROSS JOIN LATERAL (
          SELECT * FROM "trace" hit_trace
          WHERE hit_trace.project_id = ${projectId}::uuid AND hit_trace.id = hit.trace_id
          OFFSET 0
        ) t`
    : Prisma.sql`"trace" t`;
  const withSearch = filters.search
    ? Prisma.sql`WITH RECURSIVE ${searchHitsSql(projectId, filters.search)}`
    : Prisma.empty;
  return Prisma.sql`
    ${withSearch}
    SELECT t.id, ${key.text} AS sort_key
    FROM ${from}
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY ${key.value} ${direction} NULLS LAST, t.id ${direction}
    LIMIT ${limit}`;
}
