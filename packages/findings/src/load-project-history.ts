import {
  compileNamePatterns,
  describeOutputShape,
  findDisguisedError,
  isToolCall,
  stepBaselineKey,
  toolNameOf,
  type AnalysisSettings,
  type OutputShape,
  type ProjectHistory,
} from "@loupe/analysis";
import { Prisma, UNNAMED_RUN, type Database } from "@loupe/db";
import type { RecordedStep } from "@loupe/schema";

/** Finished runs of the same name that the run-level baselines (cost, tokens, duration, calls) read. */
const RUN_BASELINE_RUNS = 200;
/** Step baselines read the steps of the project's latest runs: the step table has no index by model. */
const STEP_BASELINE_RUNS = 100;
const STEP_BASELINE_SAMPLES = 200;
const LLM_COST_SAMPLES = 500;
const SHAPES_PER_TOOL = 20;
/** Error bodies are left out after reading: this many outputs are read per shape kept. */
const OUTPUTS_READ_PER_SHAPE_KEPT = 3;
/**
 * The rate window for side-effect calls across runs. The settings hold the allowed count per window
 * (`sideEffectMaxPerWindow`) but not its length, so it is fixed here.
 */
const SIDE_EFFECT_WINDOW_MS = 60 * 60_000;

/**
 * Baselines move slowly, and a busy agent sends many runs of one name a second: runs of the same
 * name, with the same step kinds and tools, that started within the same ten seconds share them,
 * so analysis keeps up with ingestion. A shared baseline was cut at another of those runs' start;
 * spend and side-effect counts, which are about this very moment, are always read fresh.
 */
const BASELINE_CACHE_MS = 10_000;
const BASELINE_CACHE_ENTRIES = 500;
type CachedBaselines = {
  expiresAt: number;
  history: Pick<ProjectHistory, "runs" | "steps" | "llmStepCostUsd" | "llmStepTokens" | "toolOutputShapes">;
};
const baselineCache = new Map<string, CachedBaselines>();

function rememberBaselines(key: string, entry: CachedBaselines) {
  baselineCache.delete(key);
  baselineCache.set(key, entry);
  // A Map keeps insertion order: the first key is the oldest.
  if (baselineCache.size > BASELINE_CACHE_ENTRIES) baselineCache.delete(baselineCache.keys().next().value!);
}

type AnalysedRun = { id: string; name: string; startTime: Date; endTime?: Date | null };

/**
 * What the cross-run detectors need to judge one stored run, read with bounded queries over runs of
 * the same project that started before it; the run itself never counts. The step-key expression
 * repeats `stepBaselineKey` in SQL (kind, then model for LLM calls or the tool's name), including
 * the readers' defaults for a missing kind or name.
 */
export async function loadProjectHistory(
  db: Database,
  {
    projectId,
    trace,
    steps,
    settings,
  }: { projectId: string; trace: AnalysedRun; steps: readonly RecordedStep[]; settings: AnalysisSettings },
): Promise<ProjectHistory> {
  const run = { projectId, trace };
  const stepKeys = [...new Set(steps.map(stepBaselineKey))];
  const tools = [...new Set(steps.filter(isToolCall).map(toolNameOf))];
  const isSideEffect = compileNamePatterns(settings.sideEffectPatterns);
  const sideEffectTools = tools.filter((tool) => isSideEffect.test(tool));
  // Keyed by the start time's window too: re-analysing old runs gets baselines of their own time.
  const startWindow = Math.floor(trace.startTime.getTime() / BASELINE_CACHE_MS);
  const cacheKey = JSON.stringify([projectId, trace.name, startWindow, stepKeys.sort(), tools.sort()]);
  let baselines = baselineCache.get(cacheKey);
  if (!baselines || baselines.expiresAt < Date.now()) {
    // One query at a time: an analysis holds one connection, whichever process runs it.
    baselines = {
      expiresAt: Date.now() + BASELINE_CACHE_MS,
      history: {
        runs: await loadRunBaselines(db, run),
        steps: await loadStepBaselines(db, run, stepKeys),
        ...(await loadLlmStepCosts(db, run)),
        toolOutputShapes: await loadToolOutputShapes(db, run, tools),
      },
    };
    rememberBaselines(cacheKey, baselines);
  }
  return {
    ...baselines.history,
    spentTodayUsd: await loadSpentToday(db, run),
    sideEffectCallsInWindow: await loadSideEffectCalls(db, run, sideEffectTools, lastActivityOf(trace, steps)),
  };
}

type RunScope = { projectId: string; trace: AnalysedRun };

async function loadRunBaselines(db: Database, scope: RunScope): Promise<ProjectHistory["runs"]> {
  const rows = await db.$queryRaw<{ cost_usd: number; tokens: number; duration_ms: number | null; llm_calls: number }[]>(Prisma.sql`
    SELECT t.total_cost::float8 AS cost_usd,
           (t.input_tokens + t.output_tokens)::float8 AS tokens,
           (extract(epoch FROM t.end_time - t.start_time) * 1000)::float8 AS duration_ms,
           (SELECT count(*) FROM "step" s
            WHERE s.project_id = t.project_id AND s.trace_id = t.id AND s.kind = 'llm')::int AS llm_calls
    FROM (${sameNameRunsSql(scope)}) t
    ORDER BY t.start_time DESC
    LIMIT ${RUN_BASELINE_RUNS}`);
  return {
    costUsd: rows.map((row) => row.cost_usd),
    tokens: rows.map((row) => row.tokens),
    durationMs: rows.flatMap((row) => (row.duration_ms === null ? [] : [row.duration_ms])),
    llmCalls: rows.map((row) => row.llm_calls),
  };
}

/**
 * The latest finished runs of the analysed run's name. A run sent without a name is stored with
 * none and read as "(unnamed)", which is how in-memory history, the trace list and alerts know it:
 * it shares baselines with the project's other unnamed runs. A project that names no runs is most
 * often one agent, and leaving them out would silence every run-level spike for it; several agents
 * under no name only widen the robust baseline.
 */
function sameNameRunsSql({ projectId, trace }: RunScope) {
  // The name is the same on every row: ordering by it too lets `IS NULL` read the name index in order.
  const latestRuns = (nameCondition: Prisma.Sql) => Prisma.sql`(
    SELECT project_id, id, start_time, end_time, total_cost, input_tokens, output_tokens FROM "trace"
    WHERE project_id = ${projectId}::uuid AND ${nameCondition} AND id <> ${trace.id}
      AND start_time < ${trace.startTime} AND status IN ('ok', 'error')
    ORDER BY name, start_time DESC
    LIMIT ${RUN_BASELINE_RUNS})`;
  const named = latestRuns(Prisma.sql`name = ${trace.name}`);
  return trace.name === UNNAMED_RUN ? Prisma.sql`${named} UNION ALL ${latestRuns(Prisma.sql`name IS NULL`)}` : named;
}

/** The runs step-level baselines sample: the project's latest before this one, whatever their name. */
function recentRunsSql({ projectId, trace }: RunScope) {
  return Prisma.sql`
    SELECT id FROM "trace"
    WHERE project_id = ${projectId}::uuid AND id <> ${trace.id} AND start_time < ${trace.startTime}
    ORDER BY start_time DESC
    LIMIT ${STEP_BASELINE_RUNS}`;
}

async function loadStepBaselines(db: Database, scope: RunScope, stepKeys: string[]): Promise<ProjectHistory["steps"]> {
  if (stepKeys.length === 0) return {};
  const rows = await db.$queryRaw<{ key: string; output_tokens: number | null; duration_ms: number | null }[]>(Prisma.sql`
    WITH recent AS (${recentRunsSql(scope)}),
    keyed AS (
      SELECT coalesce(s.kind::text, 'event') || ':' ||
               CASE WHEN s.kind = 'llm' AND coalesce(s.model, '') <> '' THEN s.model
                    ELSE coalesce(nullif(s.tool_name, ''), s.name, '(unnamed)') END AS key,
             CASE WHEN s.kind = 'llm' AND (s.input_tokens IS NOT NULL OR s.output_tokens IS NOT NULL)
                  THEN coalesce(s.output_tokens, 0) END AS output_tokens,
             CASE WHEN s.kind IN ('llm', 'tool', 'retrieval', 'embedding')
                  THEN (extract(epoch FROM s.end_time - s.start_time) * 1000)::float8 END AS duration_ms,
             s.start_time
      FROM "step" s JOIN recent r ON s.project_id = ${scope.projectId}::uuid AND s.trace_id = r.id
    ),
    ranked AS (
      SELECT key, output_tokens, duration_ms,
             row_number() OVER (PARTITION BY key ORDER BY start_time DESC) AS position
      FROM keyed
      WHERE key = ANY(${stepKeys}::text[]) AND (output_tokens IS NOT NULL OR duration_ms IS NOT NULL)
    )
    SELECT key, output_tokens, duration_ms FROM ranked WHERE position <= ${STEP_BASELINE_SAMPLES}`);
  const baselines: Record<string, { outputTokens: number[]; durationMs: number[] }> = {};
  for (const row of rows) {
    const baseline = (baselines[row.key] ??= { outputTokens: [], durationMs: [] });
    if (row.output_tokens !== null) baseline.outputTokens.push(row.output_tokens);
    if (row.duration_ms !== null) baseline.durationMs.push(row.duration_ms);
  }
  return baselines;
}

/** Recent LLM calls' costs, and their tokens: how much a call usually costs and how much work it is. */
async function loadLlmStepCosts(db: Database, scope: RunScope): Promise<{ llmStepCostUsd: number[]; llmStepTokens: number[] }> {
  const rows = await db.$queryRaw<{ cost_usd: number; tokens: number | null }[]>(Prisma.sql`
    WITH recent AS (${recentRunsSql(scope)})
    SELECT coalesce(s.provided_cost, s.calculated_cost)::float8 AS cost_usd,
      (CASE WHEN s.input_tokens IS NULL AND s.output_tokens IS NULL THEN NULL
            ELSE coalesce(s.input_tokens, 0) + coalesce(s.output_tokens, 0) END)::float8 AS tokens
    FROM "step" s JOIN recent r ON s.project_id = ${scope.projectId}::uuid AND s.trace_id = r.id
    WHERE s.kind = 'llm' AND coalesce(s.provided_cost, s.calculated_cost) IS NOT NULL
    ORDER BY s.start_time DESC
    LIMIT ${LLM_COST_SAMPLES}`);
  return {
    llmStepCostUsd: rows.map((row) => row.cost_usd),
    llmStepTokens: rows.flatMap((row) => (row.tokens === null ? [] : [row.tokens])),
  };
}

/**
 * The shapes of each tool's latest successful outputs in earlier runs, read from their payloads.
 * An error body under a success status is no shape of the tool, as in memory: `findDisguisedError`
 * leaves it out. It judges after reading, so more outputs are read than kept; a tool whose latest
 * calls are nearly all errors is left with fewer shapes.
 */
async function loadToolOutputShapes(
  db: Database,
  { projectId, trace }: RunScope,
  tools: string[],
): Promise<Record<string, OutputShape[]>> {
  if (tools.length === 0) return {};
  const rows = await db.$queryRaw<
    { tool: string; kind: RecordedStep["kind"]; name: string | null; tool_name: string | null; output_hash: Uint8Array; body: unknown }[]
  >(Prisma.sql`
    SELECT wanted.tool, latest.kind, latest.name, latest.tool_name, latest.output_hash, latest.body
    FROM unnest(${tools}::text[]) AS wanted(tool)
    CROSS JOIN LATERAL (
      SELECT s.kind, s.name, s.tool_name, s.output_hash, s.start_time, p.body FROM "step" s
      JOIN "payload" p ON p.project_id = ${projectId}::uuid AND p.hash = s.output_hash
      WHERE s.project_id = ${projectId}::uuid AND s.kind IN ('tool', 'retrieval') AND s.status = 'ok'
        AND s.trace_id <> ${trace.id} AND s.start_time < ${trace.startTime}
        AND (s.tool_name = wanted.tool OR (coalesce(s.tool_name, '') = '' AND s.name = wanted.tool))
      ORDER BY s.start_time DESC
      LIMIT ${SHAPES_PER_TOOL * OUTPUTS_READ_PER_SHAPE_KEPT}
    ) latest
    ORDER BY wanted.tool, latest.start_time DESC`);
  const kept = new Map<string, { calls: number; hashes: Set<string> }>();
  const shapes: Record<string, OutputShape[]> = {};
  for (const row of rows) {
    const call = { kind: row.kind, name: row.name ?? "", output: row.body, ...(row.tool_name ? { tool: { name: row.tool_name } } : {}) };
    if (findDisguisedError(call)) continue;
    const tool = kept.get(row.tool) ?? { calls: 0, hashes: new Set<string>() };
    kept.set(row.tool, tool);
    if (tool.calls === SHAPES_PER_TOOL) continue;
    tool.calls++;
    const hash = Buffer.from(row.output_hash).toString("hex");
    if (tool.hashes.has(hash)) continue;
    tool.hashes.add(hash);
    (shapes[row.tool] ??= []).push(describeOutputShape(row.body));
  }
  return shapes;
}

/**
 * Spend of the run's UTC day before it started. Judging by the run's own day rather than the clock
 * gives a re-analysis the same answer as the live one, and never blames a run for spend after it.
 */
async function loadSpentToday(db: Database, { projectId, trace }: RunScope): Promise<number> {
  const start = trace.startTime;
  const dayStart = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
  const [row] = await db.$queryRaw<{ spent_usd: number }[]>(Prisma.sql`
    SELECT coalesce(sum(total_cost), 0)::float8 AS spent_usd FROM "trace"
    WHERE project_id = ${projectId}::uuid AND id <> ${trace.id}
      AND start_time >= ${dayStart} AND start_time < ${start}`);
  return row?.spent_usd ?? 0;
}

/** Calls of each side-effecting tool by other runs in the window that ends with this run's last activity. */
async function loadSideEffectCalls(
  db: Database,
  { projectId, trace }: RunScope,
  tools: string[],
  windowEnd: Date,
): Promise<Record<string, number>> {
  if (tools.length === 0) return {};
  const windowStart = new Date(windowEnd.getTime() - SIDE_EFFECT_WINDOW_MS);
  const rows = await db.$queryRaw<{ tool: string; calls: number }[]>(Prisma.sql`
    SELECT wanted.tool, (
      SELECT count(*) FROM "step" s
      WHERE s.project_id = ${projectId}::uuid AND s.kind IN ('tool', 'retrieval') AND s.trace_id <> ${trace.id}
        AND s.start_time >= ${windowStart} AND s.start_time <= ${windowEnd}
        AND (s.tool_name = wanted.tool OR (coalesce(s.tool_name, '') = '' AND s.name = wanted.tool))
    )::int AS calls
    FROM unnest(${tools}::text[]) AS wanted(tool)`);
  return Object.fromEntries(rows.map((row) => [row.tool, row.calls]));
}

function lastActivityOf(trace: AnalysedRun, steps: readonly RecordedStep[]): Date {
  let last = trace.endTime?.getTime() ?? trace.startTime.getTime();
  for (const step of steps) last = Math.max(last, step.endTime?.getTime() ?? step.startTime.getTime());
  return new Date(last);
}
