import { randomUUID } from "node:crypto";
import { ensureLocalAdmin, ensureProject } from "@loupe/db";
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
