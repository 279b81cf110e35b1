import type pg from "pg";
import type { FoldedBatch, StepRow, TraceRow } from "./fold-events.ts";
import type { KnownContent } from "./known-content.ts";
import { preparedStatement } from "./prepared-statement.ts";

/** `fallback` is the SQL value a new row gets when no event says: for columns that are NOT NULL. */
type Column = { name: string; type: string; fallback?: string };

const TRACE_COLUMNS: Column[] = [
  { name: "name", type: "text" },
  { name: "session_id", type: "text" },
  { name: "user_id", type: "text" },
  { name: "release", type: "text" },
  { name: "environment", type: "text" },
  { name: "status", type: "run_status" },
  { name: "status_message", type: "text" },
  { name: "input_hash", type: "bytea" },
  { name: "output_hash", type: "bytea" },
];

const STEP_COLUMNS: Column[] = [
  { name: "parent_id", type: "text" },
  { name: "kind", type: "step_kind" },
  { name: "name", type: "text" },
  { name: "agent_name", type: "text" },
  { name: "status", type: "run_status" },
  { name: "status_message", type: "text" },
  { name: "model", type: "text" },
  { name: "provider", type: "text" },
  { name: "model_parameters", type: "jsonb" },
  { name: "prompt_name", type: "text" },
  { name: "prompt_version", type: "integer" },
  { name: "prompt_variables", type: "jsonb" },
  { name: "tool_name", type: "text" },
  { name: "tool_version", type: "text" },
  { name: "tool_call_id", type: "text" },
  { name: "input_hash", type: "bytea" },
  { name: "input_messages_hash", type: "bytea" },
  { name: "output_hash", type: "bytea" },
  { name: "input_tokens", type: "integer" },
  { name: "output_tokens", type: "integer" },
  { name: "cached_tokens", type: "integer" },
  { name: "reasoning_tokens", type: "integer" },
  { name: "usage_estimated", type: "boolean", fallback: "false" },
  { name: "provided_cost", type: "double precision" },
];

// Hashes travel as hex inside the JSON parameter and become bytea in SQL.
const recordType = (column: Column) => (column.type === "bytea" ? "text" : column.type);
const side = (prefix: "f" | "u", column: Column) =>
  column.type === "bytea" ? `decode(r.${prefix}_${column.name}, 'hex')` : `r.${prefix}_${column.name}`;
const recordColumns = (columns: Column[]) =>
  columns.flatMap((column) => [`f_${column.name} ${recordType(column)}`, `u_${column.name} ${recordType(column)}`]);
const insertValue = (column: Column) =>
  `coalesce(${side("u", column)}, ${side("f", column)}${column.fallback ? `, ${column.fallback}` : ""})`;
/** The merge rule of fold-events.ts, for a row already stored as `s`. */
const mergedValue = (column: Column) =>
  `CASE WHEN r.u_${column.name} IS NOT NULL AND (s.last_update_at IS NULL OR r.u_at >= s.last_update_at)
        THEN ${side("u", column)} ELSE coalesce(s.${column.name}, ${side("u", column)}, ${side("f", column)}) END`;

/** Only the values the batch has: a key left out of the JSON reads as NULL, and costs no bytes. */
function sidedRecord(row: { fill: Record<string, unknown>; override: Record<string, unknown> }, columns: Column[]) {
  const record: Record<string, unknown> = {};
  for (const column of columns) {
    const fill = row.fill[column.name];
    const override = row.override[column.name];
    if (fill !== undefined && fill !== null) record[`f_${column.name}`] = fill;
    if (override !== undefined && override !== null) record[`u_${column.name}`] = override;
  }
  return record;
}

const STEP_RECORD = `jsonb_to_recordset($2::jsonb) AS r(id text, trace_id text, start_time timestamptz, end_time timestamptz,
  u_at timestamptz, f_attributes jsonb, u_attributes jsonb, calculated_cost double precision, ${recordColumns(STEP_COLUMNS).join(", ")})`;

/** Returns what each new row adds to its run's totals. */
const INSERT_STEPS = preparedStatement("insert-steps", `
  INSERT INTO "step" (project_id, id, trace_id, start_time, end_time, last_update_at, attributes, calculated_cost, ${STEP_COLUMNS.map((c) => c.name).join(", ")})
  SELECT $1::uuid, r.id, r.trace_id, r.start_time, r.end_time, r.u_at,
         coalesce(r.f_attributes, '{}') || coalesce(r.u_attributes, '{}'), r.calculated_cost,
         ${STEP_COLUMNS.map(insertValue).join(",\n         ")}
  FROM ${STEP_RECORD}
  ON CONFLICT (project_id, id) DO NOTHING
  RETURNING id, trace_id, status = 'error' AS is_error, input_tokens, output_tokens, coalesce(provided_cost, calculated_cost) AS cost`);

const UPDATE_STEPS = preparedStatement("update-steps", `
  UPDATE "step" AS s SET
    start_time = least(s.start_time, r.start_time),
    end_time = greatest(s.end_time, r.end_time),
    last_update_at = greatest(s.last_update_at, r.u_at),
    attributes = coalesce(r.f_attributes, '{}') || s.attributes || coalesce(r.u_attributes, '{}'),
    updated_at = now(),
    ${STEP_COLUMNS.map((column) => `${column.name} = ${mergedValue(column)}`).join(",\n    ")}
  FROM ${STEP_RECORD}
  WHERE s.project_id = $1::uuid AND s.id = r.id AND NOT (r.id = ANY($3::text[]))`);

const TRACE_RECORD = `jsonb_to_recordset($2::jsonb) AS r(id text, start_time timestamptz, end_time timestamptz,
  carries_fields boolean, u_at timestamptz, f_metadata jsonb, u_metadata jsonb, tags text[], ${recordColumns(TRACE_COLUMNS).join(", ")})`;

const INSERT_TRACES = preparedStatement("insert-traces", `
  INSERT INTO "trace" (project_id, id, start_time, end_time, last_update_at, metadata, tags, ${TRACE_COLUMNS.map((c) => c.name).join(", ")})
  SELECT $1::uuid, r.id, r.start_time, r.end_time, r.u_at,
         coalesce(r.f_metadata, '{}') || coalesce(r.u_metadata, '{}'), r.tags,
         ${TRACE_COLUMNS.map(insertValue).join(",\n         ")}
  FROM ${TRACE_RECORD}
  ON CONFLICT (project_id, id) DO NOTHING
  RETURNING id`);

const UPDATE_TRACES = preparedStatement("update-traces", `
  UPDATE "trace" AS s SET
    start_time = least(s.start_time, r.start_time),
    end_time = greatest(s.end_time, r.end_time),
    last_update_at = greatest(s.last_update_at, r.u_at),
    metadata = coalesce(r.f_metadata, '{}') || s.metadata || coalesce(r.u_metadata, '{}'),
    tags = ARRAY(SELECT DISTINCT tag FROM unnest(coalesce(s.tags, '{}') || r.tags) AS tag ORDER BY tag),
    updated_at = now(),
    ${TRACE_COLUMNS.map((column) => `${column.name} = ${mergedValue(column)}`).join(",\n    ")}
  FROM ${TRACE_RECORD}
  WHERE s.project_id = $1::uuid AND s.id = r.id AND NOT (r.id = ANY($3::text[]))
    AND (r.carries_fields OR r.start_time < s.start_time)`);

const UPSERT_SESSIONS = preparedStatement("upsert-sessions", `
  INSERT INTO "session" AS s (project_id, id, user_id, metadata)
  SELECT $1::uuid, r.id, r.user_id, coalesce(r.metadata, '{}')
  FROM jsonb_to_recordset($2::jsonb) AS r(id text, user_id text, metadata jsonb)
  ON CONFLICT (project_id, id) DO UPDATE SET
    user_id = coalesce(s.user_id, EXCLUDED.user_id),
    metadata = EXCLUDED.metadata || s.metadata`);

const INSERT_SCORES = preparedStatement("insert-scores", `
  INSERT INTO "score" (project_id, id, trace_id, step_id, name, source, value, string_value, comment)
  SELECT $1::uuid, r.id, r.trace_id, r.step_id, r.name, r.source, r.value, r.string_value, r.comment
  FROM jsonb_to_recordset($2::jsonb) AS r(id text, trace_id text, step_id text, name text, source score_source,
    value double precision, string_value text, comment text)
  ON CONFLICT (project_id, id) DO NOTHING`);

const INSERT_PAYLOADS = preparedStatement("insert-payloads", `
  INSERT INTO "payload" (project_id, hash, body, byte_size)
  SELECT $1::uuid, decode(r.hash, 'hex'), r.body, r.byte_size
  FROM jsonb_to_recordset($2::jsonb) AS r(hash text, body jsonb, byte_size integer)
  ON CONFLICT (project_id, hash) DO NOTHING`);

const INSERT_MESSAGE_NODES = preparedStatement("insert-message-nodes", `
  INSERT INTO "message_node" (project_id, hash, parent_hash, message_hash, depth)
  SELECT $1::uuid, decode(r.hash, 'hex'), decode(r.parent_hash, 'hex'), decode(r.message_hash, 'hex'), r.depth
  FROM jsonb_to_recordset($2::jsonb) AS r(hash text, parent_hash text, message_hash text, depth integer)
  ON CONFLICT (project_id, hash) DO NOTHING`);

const isEmpty = (columns: Record<string, unknown>) => Object.keys(columns).length === 0;

function traceRecord(row: TraceRow) {
  return {
    id: row.id,
    start_time: row.startTime,
    end_time: row.endTime,
    // A batch of steps names its run only to place it: unless it starts earlier, the stored row is
    // left alone, and so is not locked.
    carries_fields:
      row.endTime !== null || row.overrideAt !== null || row.tags.length > 0 || !isEmpty(row.fill) ||
      !isEmpty(row.override) || !isEmpty(row.fillMetadata) || !isEmpty(row.overrideMetadata),
    u_at: row.overrideAt,
    f_metadata: row.fillMetadata,
    u_metadata: row.overrideMetadata,
    tags: row.tags,
    ...sidedRecord(row, TRACE_COLUMNS),
  };
}

function stepRecord(row: StepRow, calculatedCost: number | undefined) {
  return {
    id: row.id,
    calculated_cost: calculatedCost,
    trace_id: row.traceId,
    start_time: row.startTime,
    end_time: row.endTime,
    u_at: row.overrideAt,
    f_attributes: row.fillAttributes,
    u_attributes: row.overrideAttributes,
    ...sidedRecord(row, STEP_COLUMNS),
  };
}

/** What a newly stored step adds to its run's totals. */
export type StepContribution = {
  id: string;
  trace_id: string;
  is_error: boolean;
  input_tokens: number | null;
  output_tokens: number | null;
  cost: number | null;
};

export type WrittenBatch = {
  /** Payload and message-node hashes this batch stored. */
  newContentKeys: string[];
  insertedSteps: StepContribution[];
  /** Steps that were already stored, and into which this batch merged. */
  mergedStepIds: string[];
  /** The runs of those steps: their totals are recounted rather than added to. */
  mergedTraceIds: Set<string>;
  /** Merges into runs that were already stored; see `writeFoldedBatch`. */
  mergeTraces: () => Promise<void>;
};

/**
 * Writes a folded batch inside the caller's transaction, new rows first, then merging into stored
 * ones: two statements each, so that a row a concurrent batch inserted in between is merged rather
 * than lost. Content the process knows is stored is skipped. Stored runs are merged by the returned
 * `mergeTraces`, which the caller runs last: a run's row is the one row concurrent batches of that
 * run share, so it should stay locked for as short a time as possible.
 */
export async function writeFoldedBatch(
  client: pg.PoolClient,
  {
    projectId,
    batch,
    knownContent,
    calculatedCosts,
  }: {
    projectId: string;
    batch: FoldedBatch;
    knownContent: KnownContent;
    /** Step id → cost priced from the batch's own values, used when the step is new. */
    calculatedCosts: ReadonlyMap<string, number>;
  },
): Promise<WrittenBatch> {
  const payloads = [...batch.content.payloads.entries()]
    .filter(([hex]) => !knownContent.has(projectId, hex))
    .map(([hex, payload]) => ({ hash: hex, body: payload.body, byte_size: payload.byteSize }));
  if (payloads.length > 0) await client.query({ ...INSERT_PAYLOADS, values: [projectId, JSON.stringify(payloads)] });

  const nodes = [...batch.content.messageNodes.entries()]
    .filter(([hex]) => !knownContent.has(projectId, hex))
    .map(([hex, node]) => ({
      hash: hex,
      parent_hash: node.parentHash ? Buffer.from(node.parentHash).toString("hex") : null,
      message_hash: Buffer.from(node.messageHash).toString("hex"),
      depth: node.depth,
    }));
  if (nodes.length > 0) await client.query({ ...INSERT_MESSAGE_NODES, values: [projectId, JSON.stringify(nodes)] });

  const sessionIds = new Set(batch.sessions.map((session) => session.id));
  const implicitSessions = batch.traces.flatMap((trace) =>
    [trace.fill.session_id, trace.override.session_id].filter(
      (id): id is string => typeof id === "string" && !sessionIds.has(id),
    ),
  );
  const sessions = [
    ...batch.sessions.map((session) => ({ id: session.id, user_id: session.userId, metadata: session.metadata })),
    ...[...new Set(implicitSessions)].map((id) => ({ id, user_id: null, metadata: {} })),
  ];
  if (sessions.length > 0) await client.query({ ...UPSERT_SESSIONS, values: [projectId, JSON.stringify(sessions)] });

  const traceJson = JSON.stringify(batch.traces.map(traceRecord));
  const insertedTraceIds =
    batch.traces.length > 0
      ? (await client.query<{ id: string }>({ ...INSERT_TRACES, values: [projectId, traceJson] })).rows.map((row) => row.id)
      : [];
  let insertedSteps: StepContribution[] = [];
  const mergedStepIds: string[] = [];
  const mergedTraceIds = new Set<string>();
  if (batch.steps.length > 0) {
    const stepJson = JSON.stringify(batch.steps.map((row) => stepRecord(row, calculatedCosts.get(row.id))));
    insertedSteps = (await client.query<StepContribution>({ ...INSERT_STEPS, values: [projectId, stepJson] })).rows;
    if (insertedSteps.length < batch.steps.length) {
      const insertedIds = insertedSteps.map((step) => step.id);
      const inserted = new Set(insertedIds);
      for (const step of batch.steps) {
        if (inserted.has(step.id)) continue;
        mergedStepIds.push(step.id);
        mergedTraceIds.add(step.traceId);
      }
      await client.query({ ...UPDATE_STEPS, values: [projectId, stepJson, insertedIds] });
    }
  }

  if (batch.scores.length > 0) {
    const scores = batch.scores.map((score) => ({
      id: score.id,
      trace_id: score.traceId,
      step_id: score.stepId,
      name: score.name,
      source: score.source,
      value: score.value,
      string_value: score.stringValue,
      comment: score.comment,
    }));
    await client.query({ ...INSERT_SCORES, values: [projectId, JSON.stringify(scores)] });
  }
  const mergeTraces = async () => {
    if (insertedTraceIds.length < batch.traces.length) await client.query({ ...UPDATE_TRACES, values: [projectId, traceJson, insertedTraceIds] });
  };
  return {
    newContentKeys: [...payloads.map((payload) => payload.hash), ...nodes.map((node) => node.hash)],
    insertedSteps,
    mergedStepIds,
    mergedTraceIds,
    mergeTraces,
  };
}
