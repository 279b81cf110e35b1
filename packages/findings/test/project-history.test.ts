import { randomUUID } from "node:crypto";
import { buildProjectHistory } from "@loupe/analysis";
import { ensureLocalAdmin, ensureProject, findTraceFields } from "@loupe/db";
import { createTestDatabase, type TestDatabase } from "@loupe/db/testing";
import { buildCorpus, withFreshIds } from "@loupe/fixtures";
import { storeRecordedRun } from "@loupe/ingestion";
import type { RecordedRun } from "@loupe/schema";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { analyseTrace, findReanalysis, loadProjectHistory, readProjectAnalysisSettings, reanalyseProject, startReanalysis } from "../src/index.ts";

const DAY_MS = 24 * 60 * 60_000;
const corpus = buildCorpus();
const plannerRun = corpus.find((candidate) => candidate.slug === "healthy-research-planner")!.run;
const loopRun = corpus.find((candidate) => candidate.slug === "repeated-web-search")!.run;

let database: TestDatabase;
let adminId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  adminId = (await ensureLocalAdmin(database.db)).id;
});
afterAll(() => database.drop());

async function createProject(settings: object = {}) {
  const slug = `history-${randomUUID().slice(0, 8)}`;
  const project = await ensureProject(database.db, { slug, name: slug, ownerId: adminId });
  await database.db.project.update({ where: { id: project.id }, data: { settings } });
  return project.id;
}

/** A fixture run under new ids, moved to `startTime`, its cost and token counts multiplied by `scale`. */
function copyRun(run: RecordedRun, { startTime, scale = 1 }: { startTime: Date; scale?: number }): RecordedRun {
  const copy = withFreshIds(run, `run-${randomUUID()}`);
  const shiftMs = startTime.getTime() - run.trace.startTime.getTime();
  const move = (date: Date) => new Date(date.getTime() + shiftMs);
  return {
    trace: { ...copy.trace, startTime: move(copy.trace.startTime), ...(copy.trace.endTime ? { endTime: move(copy.trace.endTime) } : {}) },
    steps: copy.steps.map((step) => ({
      ...step,
      startTime: move(step.startTime),
      ...(step.endTime ? { endTime: move(step.endTime) } : {}),
      ...(step.providedCost !== undefined ? { providedCost: step.providedCost * scale } : {}),
      ...(step.usage
        ? { usage: { ...step.usage, input: Math.round(step.usage.input * scale), output: Math.round(step.usage.output * scale) } }
        : {}),
    })),
    scores: [],
  };
}

/** Stores runs of `run`'s name a day apart, ending the day before `before`, with a little spread in cost. */
async function storeNormalRuns(projectId: string, run: RecordedRun, before: Date) {
  const scales = [0.9, 1, 1.1, 0.95, 1.05, 1];
  for (const [index, scale] of scales.entries()) {
    const copy = copyRun(run, { startTime: new Date(before.getTime() - (scales.length - index) * DAY_MS), scale });
    await storeRecordedRun(database.pool, { projectId, run: copy });
  }
}

const kindsOf = (findings: { kind: string }[]) => findings.map((finding) => finding.kind);

/** A run of one successful call per entry. */
function toolCallsRun(startTime: Date, calls: { tool: string; kind?: "tool" | "retrieval"; output: unknown }[]): RecordedRun {
  const id = `run-${randomUUID()}`;
  return {
    trace: { id, name: "tool-caller", environment: "production", tags: [], metadata: {}, status: "ok", startTime, endTime: new Date(startTime.getTime() + 60_000) },
    steps: calls.map((call, index) => ({
      id: `${id}-call-${index}`,
      parentId: null,
      kind: call.kind ?? "tool",
      name: call.tool,
      tool: { name: call.tool },
      status: "ok",
      startTime: new Date(startTime.getTime() + index * 1_000),
      endTime: new Date(startTime.getTime() + index * 1_000 + 500),
      output: call.output,
      attributes: {},
    })),
    scores: [],
  };
}

/**
 * Outputs of calls that reported success, one tool each: error bodies of every kind
 * `findDisguisedError` knows, then results that only look like them (tools ending in `_ok`).
 */
const REPORTED_SUCCESSES = [
  { tool: "graphql_error", output: { data: { employee: null }, errors: [{ message: "Employee emp_1187 not found" }] } },
  { tool: "graphql_error_without_data", output: { data: null, errors: ["timeout"] } },
  { tool: "error_text", output: { error: "rate limited", retryAfter: 3 } },
  { tool: "error_object", output: { error: { code: "E42" } } },
  { tool: "error_list", output: { error: ["quota"] } },
  { tool: "error_message_after_null_error", output: { error: null, error_message: "boom" } },
  { tool: "error_message_camel_case", output: { errorMessage: "boom" } },
  { tool: "status_code_404", output: { status_code: 404, body: "missing" } },
  { tool: "http_status_503", output: { http_status: 503 } },
  { tool: "status_code_camel_case_422", output: { statusCode: 422 } },
  { tool: "ok_false", output: { ok: false, reason: "closed" } },
  { tool: "success_false", output: { success: false } },
  { tool: "status_failed", output: { status: "Failed", id: 7 } },
  { tool: "search_docs_empty", output: { results: [], total: 0 } },
  { tool: "find_user_all_lists_empty", output: { hits: [], items: [] } },
  { tool: "lookup_orders_empty_array", output: [] },
  { tool: "kb", kind: "retrieval" as const, output: { documents: [] } },
  { tool: "error_empty_text_ok", output: { error: "", value: 1 } },
  { tool: "error_false_ok", output: { error: false, error_message: "not read" } },
  { tool: "error_empty_object_ok", output: { error: {}, value: 1 } },
  { tool: "error_empty_list_ok", output: { error: [] } },
  { tool: "validator_errors_ok", output: { errors: ["name is required"], valid: false } },
  { tool: "graphql_no_errors_ok", output: { data: { id: 1 }, errors: [] } },
  { tool: "status_code_text_ok", output: { status_code: "404" } },
  { tool: "http_status_200_ok", output: { http_status: 200 } },
  { tool: "ok_true_ok", output: { ok: true, ok_zero: 0 } },
  { tool: "status_done_ok", output: { status: "done" } },
  { tool: "status_number_ok", output: { status: 500 } },
  { tool: "list_items_empty_array_ok", output: [] },
  { tool: "fetch_tasks_no_items_ok", output: { items: [] } },
  { tool: "search_web_some_hits_ok", output: { results: [], hits: [{ url: "https://example.com" }] } },
  { tool: "query_db_no_result_lists_ok", output: { rows: [] } },
  { tool: "echo_ok", output: "hello" },
];

describe("analyseTrace with project history and settings", () => {
  it("flags a run that costs ten times its name's recent runs, and nothing on a healthy one", async () => {
    const projectId = await createProject();
    const now = plannerRun.trace.startTime;
    await storeNormalRuns(projectId, plannerRun, now);
    const healthy = copyRun(plannerRun, { startTime: now, scale: 1.02 });
    const spiky = copyRun(plannerRun, { startTime: new Date(now.getTime() + DAY_MS), scale: 10 });
    await storeRecordedRun(database.pool, { projectId, run: healthy });
    await storeRecordedRun(database.pool, { projectId, run: spiky });

    expect((await analyseTrace(database.db, { projectId, traceId: healthy.trace.id })).findings).toEqual([]);
    const findings = (await analyseTrace(database.db, { projectId, traceId: spiky.trace.id })).findings;
    const costSpike = findings.find((finding) => finding.kind === "cost_spike" && finding.groupKey.endsWith("run"));
    expect(costSpike?.evidence).toMatchObject({ ratio: expect.closeTo(10, 0) as number });
    expect(kindsOf(findings)).not.toContain("budget_exceeded");
  });

  it("raises budget findings from the project's budgets, per run and per day", async () => {
    const projectId = await createProject({ analysis: { budgets: { perRunUsd: 0.01, perDayUsd: 0.03 } }, retentionDays: 30 });
    const first = copyRun(plannerRun, { startTime: plannerRun.trace.startTime });
    const second = copyRun(plannerRun, { startTime: new Date(plannerRun.trace.startTime.getTime() + 60 * 60_000) });
    for (const run of [first, second]) await storeRecordedRun(database.pool, { projectId, run });

    const firstFindings = (await analyseTrace(database.db, { projectId, traceId: first.trace.id })).findings;
    expect(firstFindings.filter((finding) => finding.kind === "budget_exceeded").map((finding) => finding.evidence.scope)).toEqual(["run"]);
    const secondFindings = (await analyseTrace(database.db, { projectId, traceId: second.trace.id })).findings;
    expect(secondFindings.filter((finding) => finding.kind === "budget_exceeded").map((finding) => finding.evidence.scope).sort()).toEqual(["day", "run"]);
    const stored = await database.db.trace.findUniqueOrThrow({ where: { projectId_id: { projectId, id: second.trace.id } } });
    expect(stored.findingCount).toBe(secondFindings.length);
  });

  it("falls back to the defaults when the stored settings do not parse", async () => {
    const projectId = await createProject({ analysis: { repeatThreshold: "three", budgets: { perRunUsd: 0.01 } } });
    expect(await readProjectAnalysisSettings(database.db, projectId)).toMatchObject({
      overriddenFields: [],
      settings: { repeatThreshold: 3, budgets: {} },
    });
    const run = copyRun(loopRun, { startTime: loopRun.trace.startTime });
    await storeRecordedRun(database.pool, { projectId, run });
    const kinds = kindsOf((await analyseTrace(database.db, { projectId, traceId: run.trace.id })).findings);
    expect(kinds).toContain("repeated_call");
    expect(kinds).not.toContain("budget_exceeded");
  });

  it("reports which settings a project overrides", async () => {
    const projectId = await createProject({ analysis: { spikeThresholdMads: 5, budgets: { perDayUsd: 20 } } });
    const { settings, overriddenFields } = await readProjectAnalysisSettings(database.db, projectId);
    expect(overriddenFields.sort()).toEqual(["budgets", "spikeThresholdMads"]);
    expect(settings).toMatchObject({ spikeThresholdMads: 5, budgets: { perDayUsd: 20 }, repeatThreshold: 3 });
  });

  it("never reads another project's runs", async () => {
    const busyProjectId = await createProject({ analysis: { budgets: { perDayUsd: 0.001 } } });
    const now = plannerRun.trace.startTime;
    await storeNormalRuns(busyProjectId, plannerRun, now);
    await storeRecordedRun(database.pool, { projectId: busyProjectId, run: copyRun(plannerRun, { startTime: new Date(now.getTime() - 60_000) }) });

    const quietProjectId = await createProject();
    const spiky = copyRun(plannerRun, { startTime: now, scale: 10 });
    await storeRecordedRun(database.pool, { projectId: quietProjectId, run: spiky });
    expect((await analyseTrace(database.db, { projectId: quietProjectId, traceId: spiky.trace.id })).findings).toEqual([]);

    const { settings } = await readProjectAnalysisSettings(database.db, quietProjectId);
    const history = await loadProjectHistory(database.db, { projectId: quietProjectId, trace: spiky.trace, steps: spiky.steps, settings });
    expect(history).toMatchObject({ runs: { costUsd: [], tokens: [] }, llmStepCostUsd: [], steps: {}, toolOutputShapes: {}, spentTodayUsd: 0 });
  });

  it("reads baselines only from earlier runs, and leaves the run itself out", async () => {
    const projectId = await createProject();
    const now = plannerRun.trace.startTime;
    await storeNormalRuns(projectId, plannerRun, now);
    const run = copyRun(plannerRun, { startTime: now });
    const later = copyRun(plannerRun, { startTime: new Date(now.getTime() + DAY_MS) });
    for (const stored of [run, later]) await storeRecordedRun(database.pool, { projectId, run: stored });

    const { settings } = await readProjectAnalysisSettings(database.db, projectId);
    const history = await loadProjectHistory(database.db, { projectId, trace: run.trace, steps: run.steps, settings });
    expect(history.runs?.costUsd).toHaveLength(6);
    expect(history.runs?.durationMs).toHaveLength(6);
    expect(history.runs?.llmCalls).toEqual(Array(6).fill(plannerRun.steps.filter((step) => step.kind === "llm").length));
    const llmStep = run.steps.find((step) => step.kind === "llm" && step.model)!;
    expect(history.steps?.[`llm:${llmStep.model}`]?.outputTokens?.length).toBeGreaterThanOrEqual(6);
    const toolStep = run.steps.find((step) => step.kind === "tool" && step.status === "ok" && step.output !== undefined)!;
    expect(Object.keys(history.toolOutputShapes ?? {})).toContain(toolStep.tool?.name ?? toolStep.name);
  });

  it("compares a run without a name with the project's other runs without one", async () => {
    const projectId = await createProject();
    const now = plannerRun.trace.startTime;
    await storeNormalRuns(projectId, plannerRun, now);
    await database.db.trace.updateMany({ where: { projectId }, data: { name: null } });
    // A sender's literal "(unnamed)" reads the same as no name at all, so it is the same group.
    const [oldest] = await database.db.trace.findMany({ where: { projectId }, orderBy: { startTime: "asc" }, take: 1 });
    await database.db.trace.update({ where: { projectId_id: { projectId, id: oldest!.id } }, data: { name: "(unnamed)" } });
    // A named run of the same agent is another population.
    await storeRecordedRun(database.pool, { projectId, run: copyRun(plannerRun, { startTime: new Date(now.getTime() - DAY_MS / 2), scale: 3 }) });
    const spiky = copyRun(plannerRun, { startTime: now, scale: 10 });
    await storeRecordedRun(database.pool, { projectId, run: spiky });
    await database.db.trace.update({ where: { projectId_id: { projectId, id: spiky.trace.id } }, data: { name: null } });

    const findings = (await analyseTrace(database.db, { projectId, traceId: spiky.trace.id })).findings;
    expect(findings.map((finding) => finding.groupKey)).toContain("cost-spike:run");
    const { settings } = await readProjectAnalysisSettings(database.db, projectId);
    // The run as analysis reads it, its missing name given the default readers give it.
    const trace = (await findTraceFields(database.db, { projectId, traceId: spiky.trace.id }))!;
    const history = await loadProjectHistory(database.db, { projectId, trace, steps: spiky.steps, settings });
    expect(history.runs?.costUsd).toHaveLength(6);
    expect(history.runs?.tokens).toHaveLength(6);
  });

  it("learns no tool output shape from an error body, as the in-memory history does not", async () => {
    const projectId = await createProject();
    const earlier = toolCallsRun(plannerRun.trace.startTime, REPORTED_SUCCESSES);
    await storeRecordedRun(database.pool, { projectId, run: earlier });
    const later = toolCallsRun(new Date(plannerRun.trace.startTime.getTime() + DAY_MS), REPORTED_SUCCESSES);

    const { settings } = await readProjectAnalysisSettings(database.db, projectId);
    const history = await loadProjectHistory(database.db, { projectId, trace: later.trace, steps: later.steps, settings });
    const inMemory = buildProjectHistory([earlier]).toolOutputShapes ?? {};
    expect(Object.keys(inMemory).sort()).toEqual(REPORTED_SUCCESSES.map((call) => call.tool).filter((tool) => tool.endsWith("_ok")).sort());
    expect(history.toolOutputShapes).toEqual(inMemory);
  });
});

describe("reanalyseProject", () => {
  it("analyses every run newest first and reports progress", async () => {
    const projectId = await createProject();
    const runs = [0, 1, 2].map((hour) => copyRun(plannerRun, { startTime: new Date(plannerRun.trace.startTime.getTime() + hour * 60 * 60_000) }));
    for (const run of runs) await storeRecordedRun(database.pool, { projectId, run });
    await database.db.project.update({ where: { id: projectId }, data: { settings: { analysis: { budgets: { perRunUsd: 0.01 } } } } });

    const progress: { analysed: number; total: number }[] = [];
    expect(await reanalyseProject(database.db, projectId, { onProgress: (update) => progress.push(update) })).toEqual({ analysed: 3, total: 3 });
    expect(progress).toEqual([0, 1, 2, 3].map((analysed) => ({ analysed, total: 3 })));
    const traces = await database.db.trace.findMany({ where: { projectId } });
    expect(traces.map((trace) => trace.findingCount)).toEqual([1, 1, 1]);
  });

  it("runs one job per project at a time and records how it ended", async () => {
    const projectId = await createProject({ analysis: { budgets: { perRunUsd: 0.01 } } });
    await storeRecordedRun(database.pool, { projectId, run: copyRun(plannerRun, { startTime: plannerRun.trace.startTime }) });

    const started = startReanalysis(database.db, projectId);
    expect(started.status).toBe("running");
    expect(startReanalysis(database.db, projectId).startedAt).toEqual(started.startedAt);
    await vi.waitFor(() => expect(findReanalysis(projectId)?.status).toBe("done"));
    expect(findReanalysis(projectId)).toMatchObject({ analysed: 1, total: 1, error: null, finishedAt: expect.any(Date) as Date });
    expect(findReanalysis(randomUUID())).toBeNull();
  });
});
