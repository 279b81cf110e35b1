import type { ContentHashCache, SqlPool } from "@loupe/db";
import type { IngestionEvent } from "@loupe/schema";
import type pg from "pg";
import { foldEvents, type StepRow, type UsageEstimator } from "./fold-events.ts";
import type { KnownContent } from "./known-content.ts";
import { INGESTION_LIMITS } from "./limits.ts";
import { parseEvents, type EventFailure } from "./parse-events.ts";
import { announceChangedRuns } from "./changed-runs.ts";
import { updateTraceTotals } from "./trace-totals.ts";
import { writeFoldedBatch } from "./write-batch.ts";
import { preparedStatement } from "./prepared-statement.ts";

/** The cost of a step in USD from its model and tokens, or null when the model has no known price. */
export type CostCalculator = (step: {
  projectId: string;
  provider: string | null;
  model: string;
  startTime: Date;
  usage: { input: number; output: number; cached: number; reasoning: number };
}) => Promise<number | null> | number | null;

export type IngestionDependencies = {
  pool: SqlPool;
  knownContent: KnownContent;
  estimateUsage: UsageEstimator;
  calculateCost: CostCalculator;
  /** Spares re-hashing content that senders re-send; optional because it only saves time. */
  contentHashes?: ContentHashCache;
  /** `false` keeps the detection worker from hearing of these runs; see `announceChangedRuns`. */
  announceChanges?: boolean;
};

export type EventResult =
  | { id: string; status: 201 | 200; duplicate?: true; truncated?: string[] }
  | EventFailure;

export type IngestionOutcome = {
  results: EventResult[];
  applied: number;
  /** Of the applied events, those that created or updated a step. */
  appliedSteps: number;
  failed: number;
  /** The runs this batch changed. */
  traceIds: string[];
};

/** Remembers the batch's event ids and returns those not seen before: what this batch applies. */
const RECORD_EVENT_IDS = preparedStatement(
  "record-event-ids",
  `INSERT INTO "ingestion_event" (project_id, id, type)
   SELECT $1::uuid, e.id, e.type FROM unnest($2::text[], $3::text[]) AS e(id, type)
   ON CONFLICT (project_id, id) DO NOTHING RETURNING id`,
);

const READ_STORED_PRICE_FIELDS = preparedStatement(
  "read-stored-price-fields",
  `SELECT id, provider, model, provided_cost, input_tokens, output_tokens, cached_tokens, reasoning_tokens, start_time
   FROM "step" WHERE project_id = $1::uuid AND id = ANY($2::text[])`,
);

const STORE_CALCULATED_COSTS = preparedStatement(
  "store-calculated-costs",
  `UPDATE "step" AS s SET calculated_cost = r.cost
   FROM jsonb_to_recordset($2::jsonb) AS r(id text, cost double precision)
   WHERE s.project_id = $1::uuid AND s.id = r.id`,
);

const RETRYABLE_CODES = new Set(["40P01", "40001"]);
const MAX_ATTEMPTS = 4;

/** Parses, deduplicates and applies a batch of native ingestion events for one project. */
export async function ingestEvents(
  deps: IngestionDependencies,
  { projectId, rawEvents }: { projectId: string; rawEvents: readonly unknown[] },
): Promise<IngestionOutcome> {
  const { events, failures } = parseEvents(rawEvents);
  const seen = new Set<string>();
  const unique: IngestionEvent[] = [];
  const repeats: EventResult[] = [];
  for (const event of events) {
    if (seen.has(event.id)) repeats.push({ id: event.id, status: 200, duplicate: true });
    else {
      seen.add(event.id);
      unique.push(event);
    }
  }

  const { freshIds, truncations, traceIds } = await applyEvents(deps, { projectId, events: unique });
  const results: EventResult[] = [
    ...unique.map((event): EventResult => {
      if (!freshIds.has(event.id)) return { id: event.id, status: 200, duplicate: true };
      const truncated = truncations.get(event.id);
      return { id: event.id, status: 201, ...(truncated ? { truncated } : {}) };
    }),
    ...repeats,
    ...failures,
  ];
  const appliedSteps = unique.filter((event) => freshIds.has(event.id) && event.type.startsWith("step-")).length;
  return { results, applied: freshIds.size, appliedSteps, failed: failures.length, traceIds };
}

/** Applies already-valid events; a retried event id changes nothing. Exposed for OTLP and demo data. */
export async function applyEvents(
  deps: IngestionDependencies,
  { projectId, events }: { projectId: string; events: readonly IngestionEvent[] },
) {
  for (let attempt = 1; ; attempt++) {
    const client = await deps.pool.connect();
    try {
      await client.query("BEGIN");
      const outcome = await applyInTransaction(client, deps, projectId, events);
      await client.query("COMMIT");
      deps.knownContent.remember(projectId, outcome.newContentKeys);
      return outcome;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      const code = (error as { code?: string }).code;
      if (!code || !RETRYABLE_CODES.has(code) || attempt >= MAX_ATTEMPTS) throw error;
    } finally {
      client.release();
    }
  }
}

async function applyInTransaction(
  client: pg.PoolClient,
  deps: IngestionDependencies,
  projectId: string,
  events: readonly IngestionEvent[],
) {
  if (events.length === 0) {
    return { freshIds: new Set<string>(), truncations: new Map<string, string[]>(), newContentKeys: [], traceIds: [] };
  }
  // Sorted, so concurrent batches take row locks in the same order.
  const sorted = [...events].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const recorded = await client.query<{ id: string }>({
    ...RECORD_EVENT_IDS,
    values: [projectId, sorted.map((event) => event.id), sorted.map((event) => event.type)],
  });
  const freshIds = new Set(recorded.rows.map((row) => row.id));
  const fresh = events.filter((event) => freshIds.has(event.id));

  const batch = foldEvents(fresh, {
    maxStringChars: INGESTION_LIMITS.maxStringChars,
    estimateUsage: deps.estimateUsage,
    hashCache: deps.contentHashes,
  });
  // Steps keep the fold's order (by event time, then as sent): new rows get their arrival `seq`
  // from it, which orders steps that start at the same instant, parents first.
  batch.traces.sort((a, b) => (a.id < b.id ? -1 : 1));
  const calculatedCosts = await priceFoldedSteps(deps.calculateCost, projectId, batch.steps);
  const written = await writeFoldedBatch(client, { projectId, batch, knownContent: deps.knownContent, calculatedCosts });
  // A step that was already stored is priced again from what is stored now, which may hold the
  // model or tokens this batch lacks; its run is then recounted rather than added to.
  await applyCalculatedCosts(client, deps.calculateCost, { projectId, stepIds: written.mergedStepIds });
  const traceIds = batch.traces.map((trace) => trace.id);
  await updateTraceTotals(client, {
    projectId,
    traceIds,
    insertedSteps: written.insertedSteps,
    recountTraceIds: written.mergedTraceIds,
    mergeTraces: written.mergeTraces,
  });
  if (deps.announceChanges !== false) await announceChangedRuns(client, projectId, traceIds);
  return { freshIds, truncations: batch.truncations, newContentKeys: written.newContentKeys, traceIds };
}

/** What a step's price is worked out from: its columns, as the batch or the database holds them. */
type PricedFields = {
  provider: unknown;
  model: unknown;
  startTime: Date;
  providedCost: unknown;
  inputTokens: unknown;
  outputTokens: unknown;
  cachedTokens: unknown;
  reasoningTokens: unknown;
};

/** A step's cost from its model and tokens, when it reports none of its own; null when it cannot be priced. */
async function calculateStepCost(calculateCost: CostCalculator, projectId: string, step: PricedFields) {
  if (step.providedCost !== null || typeof step.model !== "string") return null;
  if (step.inputTokens === null && step.outputTokens === null) return null;
  return calculateCost({
    projectId,
    provider: typeof step.provider === "string" ? step.provider : null,
    model: step.model,
    startTime: step.startTime,
    usage: {
      input: Number(step.inputTokens ?? 0),
      output: Number(step.outputTokens ?? 0),
      cached: Number(step.cachedTokens ?? 0),
      reasoning: Number(step.reasoningTokens ?? 0),
    },
  });
}

/** Prices each step from the batch's own values (an update's over a create's). */
async function priceFoldedSteps(calculateCost: CostCalculator, projectId: string, steps: readonly StepRow[]) {
  const costs = new Map<string, number>();
  await Promise.all(
    steps.map(async (step) => {
      const value = (column: string) => step.override[column] ?? step.fill[column] ?? null;
      const cost = await calculateStepCost(calculateCost, projectId, {
        provider: value("provider"),
        model: value("model"),
        startTime: step.startTime,
        providedCost: value("provided_cost"),
        inputTokens: value("input_tokens"),
        outputTokens: value("output_tokens"),
        cachedTokens: value("cached_tokens"),
        reasoningTokens: value("reasoning_tokens"),
      });
      if (cost !== null) costs.set(step.id, cost);
    }),
  );
  return costs;
}

/** Prices the steps of this batch that report tokens but no cost, from what is stored now. */
async function applyCalculatedCosts(
  client: pg.PoolClient,
  calculateCost: CostCalculator,
  { projectId, stepIds }: { projectId: string; stepIds: string[] },
) {
  if (stepIds.length === 0) return;
  const { rows } = await client.query<{
    id: string;
    provider: string | null;
    model: string | null;
    provided_cost: number | null;
    input_tokens: number | null;
    output_tokens: number | null;
    cached_tokens: number | null;
    reasoning_tokens: number | null;
    start_time: Date;
  }>({ ...READ_STORED_PRICE_FIELDS, values: [projectId, stepIds] });
  const costs = await Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      cost: await calculateStepCost(calculateCost, projectId, {
        provider: row.provider,
        model: row.model,
        startTime: row.start_time,
        providedCost: row.provided_cost,
        inputTokens: row.input_tokens,
        outputTokens: row.output_tokens,
        cachedTokens: row.cached_tokens,
        reasoningTokens: row.reasoning_tokens,
      }),
    })),
  );
  const priced = costs.filter((entry) => entry.cost !== null);
  if (priced.length === 0) return;
  await client.query({ ...STORE_CALCULATED_COSTS, values: [projectId, JSON.stringify(priced)] });
}
