import { ContentEncoder, hashToHex, type ContentHashCache } from "@loupe/db";
import type { IngestionEvent, ScoreEventBody, StepEventBody, TraceEventBody } from "@loupe/schema";
import { truncateLongStrings } from "./truncate-strings.ts";

/**
 * How events converge whatever order they arrive in:
 * - a create *fills* fields the stored row lacks; an update *overrides* them, unless an update with
 *   a later timestamp was already applied, in which case it only fills;
 * - start times take the earliest value seen and end times the latest, so a placeholder start
 *   (from an end that arrived first) gives way to the real one;
 * - metadata and attributes merge key by key, tags are a union.
 * Within a batch the same rules are applied in memory first, giving one row per trace and step.
 */

type Columns = Record<string, unknown>;
type Sided = { fill: Columns; override: Columns; overrideAt: Date | null };

export type StepRow = Sided & {
  id: string;
  traceId: string;
  startTime: Date;
  endTime: Date | null;
  fillAttributes: Columns;
  overrideAttributes: Columns;
};

export type TraceRow = Sided & {
  id: string;
  startTime: Date;
  endTime: Date | null;
  fillMetadata: Columns;
  overrideMetadata: Columns;
  tags: string[];
};

export type ScoreRow = Omit<ScoreEventBody, "stepId" | "value" | "stringValue" | "comment"> & {
  stepId: string | null;
  value: number | null;
  stringValue: string | null;
  comment: string | null;
};

export type SessionRow = { id: string; userId: string | null; metadata: Columns };

/** Estimates token usage for an llm step that reported none. */
export type UsageEstimator = (step: { model?: string; input?: unknown; output?: unknown }) => {
  input: number;
  output: number;
};

export type FoldedBatch = {
  traces: TraceRow[];
  steps: StepRow[];
  sessions: SessionRow[];
  scores: ScoreRow[];
  content: ContentEncoder;
  /** Event id → the JSON paths whose strings were cut. */
  truncations: Map<string, string[]>;
};

export function foldEvents(
  events: readonly IngestionEvent[],
  options: { maxStringChars: number; estimateUsage: UsageEstimator; hashCache?: ContentHashCache | undefined },
): FoldedBatch {
  const content = new ContentEncoder(options.hashCache);
  const traces = new Map<string, TraceRow>();
  const steps = new Map<string, StepRow & { rawInput?: unknown; rawOutput?: unknown }>();
  const sessions = new Map<string, SessionRow>();
  const scores: ScoreRow[] = [];
  const truncations = new Map<string, string[]>();

  const limit = (eventId: string, field: string, value: unknown) => {
    if (value === undefined) return undefined;
    const { value: limited, truncatedPaths } = truncateLongStrings(value, options.maxStringChars, field);
    if (truncatedPaths.length > 0) truncations.set(eventId, [...(truncations.get(eventId) ?? []), ...truncatedPaths]);
    return limited;
  };

  const traceFor = (id: string, startTime: Date): TraceRow => {
    let row = traces.get(id);
    if (!row) {
      row = { id, startTime, endTime: null, fill: {}, override: {}, overrideAt: null, fillMetadata: {}, overrideMetadata: {}, tags: [] };
      traces.set(id, row);
    } else if (startTime < row.startTime) {
      row.startTime = startTime;
    }
    return row;
  };

  // Creates fill in timestamp order (first value wins), updates override in timestamp order (last wins).
  const ordered = [...events].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  for (const event of ordered) {
    const isUpdate = event.type.endsWith("-update");
    switch (event.type) {
      case "trace-create":
      case "trace-update": {
        const body = event.body;
        const row = traceFor(body.id, body.startTime ?? body.endTime ?? event.timestamp);
        applySided(row, traceColumns(body, content, (field, value) => limit(event.id, field, value)), isUpdate, event.timestamp);
        if (body.endTime && (!row.endTime || body.endTime > row.endTime)) row.endTime = body.endTime;
        if (body.metadata) mergeInto(isUpdate ? row.overrideMetadata : row.fillMetadata, body.metadata, isUpdate);
        // Tags are a set; sorted, so every arrival order stores the same array.
        if (body.tags) row.tags = [...new Set([...row.tags, ...body.tags])].sort();
        if (body.sessionId) ensureSession(sessions, body.sessionId, body.userId);
        break;
      }
      case "step-create":
      case "step-update": {
        const body = event.body;
        const startTime = body.startTime ?? body.endTime ?? event.timestamp;
        traceFor(body.traceId, startTime);
        let row = steps.get(body.id);
        if (!row) {
          row = { id: body.id, traceId: body.traceId, startTime, endTime: null, fill: {}, override: {}, overrideAt: null, fillAttributes: {}, overrideAttributes: {} };
          steps.set(body.id, row);
        } else if (startTime < row.startTime) {
          row.startTime = startTime;
        }
        const input = limit(event.id, "input", body.input);
        const output = limit(event.id, "output", body.output);
        if (input !== undefined) row.rawInput = input;
        if (output !== undefined) row.rawOutput = output;
        applySided(row, stepColumns(body, content, input, output), isUpdate, event.timestamp);
        if (body.endTime && (!row.endTime || body.endTime > row.endTime)) row.endTime = body.endTime;
        const attributes = { ...(body.attributes ?? {}) };
        const truncated = truncations.get(event.id);
        if (truncated) attributes["loupe.truncated"] = truncated;
        mergeInto(isUpdate ? row.overrideAttributes : row.fillAttributes, limit(event.id, "attributes", attributes) as Columns, isUpdate);
        break;
      }
      case "score-create": {
        const body = event.body;
        traceFor(body.traceId, event.timestamp);
        scores.push({
          id: body.id,
          traceId: body.traceId,
          stepId: body.stepId ?? null,
          name: body.name,
          source: body.source,
          value: body.value ?? null,
          stringValue: body.stringValue ?? null,
          comment: body.comment ?? null,
        });
        break;
      }
      case "session-create": {
        const session = ensureSession(sessions, event.body.id, event.body.userId);
        if (event.body.metadata) mergeInto(session.metadata, event.body.metadata, false);
        break;
      }
    }
  }

  for (const row of steps.values()) addEstimatedUsage(row, options.estimateUsage);
  return {
    traces: [...traces.values()],
    steps: [...steps.values()].map(({ rawInput: _input, rawOutput: _output, ...row }) => row),
    sessions: [...sessions.values()],
    scores,
    content,
    truncations,
  };
}

function applySided(row: Sided, columns: Columns, isUpdate: boolean, timestamp: Date) {
  for (const [column, value] of Object.entries(columns)) {
    if (value === null || value === undefined) continue;
    if (isUpdate) row.override[column] = value;
    else if (!(column in row.fill)) row.fill[column] = value;
  }
  if (isUpdate && (!row.overrideAt || timestamp > row.overrideAt)) row.overrideAt = timestamp;
}

/** Fill keeps the first value of a key; override takes the last. */
function mergeInto(target: Columns, source: Columns, isOverride: boolean) {
  for (const [key, value] of Object.entries(source)) {
    if (isOverride || !(key in target)) target[key] = value;
  }
}

function ensureSession(sessions: Map<string, SessionRow>, id: string, userId: string | undefined): SessionRow {
  let session = sessions.get(id);
  if (!session) {
    session = { id, userId: userId ?? null, metadata: {} };
    sessions.set(id, session);
  } else if (!session.userId && userId) {
    session.userId = userId;
  }
  return session;
}

function hex(hash: Uint8Array | null): string | null {
  return hash ? hashToHex(hash) : null;
}

function traceColumns(
  body: TraceEventBody,
  content: ContentEncoder,
  limit: (field: string, value: unknown) => unknown,
): Columns {
  return {
    name: body.name,
    session_id: body.sessionId,
    user_id: body.userId,
    release: body.release,
    environment: body.environment,
    status: body.status,
    status_message: body.statusMessage,
    input_hash: hex(content.encodePayload(limit("input", body.input))),
    output_hash: hex(content.encodePayload(limit("output", body.output))),
  };
}

function stepColumns(body: StepEventBody, content: ContentEncoder, input: unknown, output: unknown): Columns {
  const { inputHash, inputMessagesHash } = content.encodeStepInput(input);
  return {
    parent_id: body.parentId,
    kind: body.kind,
    name: body.name,
    agent_name: body.agentName,
    status: body.status,
    status_message: body.statusMessage,
    model: body.model,
    provider: body.provider,
    model_parameters: body.modelParameters,
    prompt_name: body.prompt?.name,
    prompt_version: body.prompt?.version,
    prompt_variables: body.prompt?.variables,
    tool_name: body.tool?.name,
    tool_version: body.tool?.version,
    tool_call_id: body.tool?.callId,
    input_hash: hex(inputHash),
    input_messages_hash: hex(inputMessagesHash),
    output_hash: hex(content.encodePayload(output)),
    input_tokens: body.usage?.input,
    output_tokens: body.usage?.output,
    cached_tokens: body.usage?.cached,
    reasoning_tokens: body.usage?.reasoning,
    usage_estimated: body.usage ? false : undefined,
    provided_cost: body.cost,
  };
}

/** An llm step that reported no tokens gets an estimate, marked as such; reported usage replaces it. */
function addEstimatedUsage(row: StepRow & { rawInput?: unknown; rawOutput?: unknown }, estimate: UsageEstimator) {
  const kind = row.override.kind ?? row.fill.kind;
  const reported = row.override.input_tokens ?? row.fill.input_tokens ?? row.override.output_tokens ?? row.fill.output_tokens;
  if (kind !== "llm" || reported !== undefined) return;
  if (row.rawInput === undefined && row.rawOutput === undefined) return;
  const model = (row.override.model ?? row.fill.model) as string | undefined;
  const usage = estimate({
    ...(model ? { model } : {}),
    ...(row.rawInput !== undefined ? { input: row.rawInput } : {}),
    ...(row.rawOutput !== undefined ? { output: row.rawOutput } : {}),
  });
  // Only the side this batch carries: an output arriving later fills its own count.
  if (row.rawInput !== undefined) row.fill.input_tokens = usage.input;
  if (row.rawOutput !== undefined) row.fill.output_tokens = usage.output;
  row.fill.usage_estimated = true;
}
