import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshTraceAggregates } from "../runs/refresh-trace-aggregates.ts";
import { createTestDatabase, type TestDatabase } from "../testing/index.ts";
import {
  readCostliestRuns,
  readDashboardTotals,
  readFindingsByKind,
  readRunSeries,
  readUsageBreakdown,
} from "./index.ts";

// The runs are written row by row rather than through ingestion (which depends on this package),
// and every expected figure is recomputed here from these definitions, not read back.

type SeedStep = {
  kind: "agent" | "llm" | "tool";
  model?: string;
  agentName?: string;
  prompt?: { name: string; version: number };
  inputTokens?: number;
  outputTokens?: number;
  providedCost?: number;
  calculatedCost?: number;
};

type SeedRun = {
  id: string;
  startTime: Date;
  status: "ok" | "error" | "running";
  durationMs: number | null;
  steps: SeedStep[];
  findings: { kind: string; dismissed?: boolean }[];
};

const HOUR_MS = 3_600_000;
const WINDOW_FROM = new Date("2025-06-01T00:00:00Z");
const WINDOW_TO = new Date("2025-06-03T00:00:00Z");
const MODELS = ["gpt-4o", "gpt-4o-mini", "claude-sonnet"];
const AGENTS = ["planner", "writer", undefined];

/** Thirty runs in the window, a few per busy hour and none in the others, with a varied mix. */
function buildWindowRuns(): SeedRun[] {
  const busyHours = [0, 1, 1, 3, 7, 7, 7, 12, 13, 20, 24, 25, 25, 26, 30, 33, 33, 38, 40, 41, 44, 46, 47, 47, 47, 2, 9, 15, 29, 35];
  return busyHours.map((hour, index) => {
    const status = index % 7 === 3 ? "error" : index % 11 === 5 ? "running" : "ok";
    const model = MODELS[index % MODELS.length];
    const agentName = AGENTS[index % AGENTS.length];
    const llm = (call: number): SeedStep => ({
      kind: "llm",
      ...(model ? { model } : {}),
      ...(agentName ? { agentName } : {}),
      ...(index % 4 === 0 ? {} : { prompt: { name: "support", version: 1 + (index % 2) } }),
      inputTokens: 100 + index * 10 + call,
      outputTokens: 20 + index + call,
      // Some senders report cost, which wins over Loupe's; some steps have neither.
      ...(index % 3 === 0 ? { providedCost: 0.001 * (index + 1) } : {}),
      ...(index % 5 !== 4 ? { calculatedCost: 0.0007 * (index + 2) } : {}),
    });
    return {
      id: `run-${index}`,
      startTime: new Date(WINDOW_FROM.getTime() + hour * HOUR_MS + (index % 5) * 60_000),
      status,
      durationMs: status === "running" ? null : 400 + ((index * 7_919) % 9_000),
      steps: [{ kind: "agent", ...(agentName ? { agentName } : {}) }, llm(0), ...(index % 2 === 0 ? [llm(1)] : []), { kind: "tool" }],
      findings: [
        ...(index % 4 === 1 ? [{ kind: "tool_loop" }] : []),
        ...(index % 6 === 2 ? [{ kind: "retry_storm" }, { kind: "tool_loop", dismissed: index === 2 }] : []),
      ],
    };
  });
}

/** Runs that start just outside the window: the boundaries are [from, to). */
function buildOutsideRuns(): SeedRun[] {
  const outside = (id: string, startTime: Date): SeedRun => ({
    id,
    startTime,
    status: "error",
    durationMs: 1_000,
    steps: [{ kind: "llm", model: "gpt-4o", inputTokens: 5, outputTokens: 5, providedCost: 9 }],
    findings: [{ kind: "tool_loop" }],
  });
  return [outside("before", new Date(WINDOW_FROM.getTime() - 1)), outside("at-end", WINDOW_TO)];
}

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});

afterAll(async () => {
  await testDb.drop();
});

async function createProject() {
  const slug = `dash-${randomUUID().slice(0, 8)}`;
  return testDb.db.project.create({ data: { slug, name: slug } });
}

async function seedRuns(projectId: string, runs: SeedRun[]) {
  const { db, pool } = testDb;
  await db.trace.createMany({
    data: runs.map((run) => ({
      projectId,
      id: run.id,
      name: `agent ${run.id}`,
      status: run.status,
      startTime: run.startTime,
      endTime: run.durationMs === null ? null : new Date(run.startTime.getTime() + run.durationMs),
    })),
  });
  await db.step.createMany({
    data: runs.flatMap((run) =>
      run.steps.map((step, index) => ({
        projectId,
        id: `${run.id}-step-${index}`,
        traceId: run.id,
        kind: step.kind,
        name: step.kind,
        agentName: step.agentName ?? null,
        status: run.status === "error" && step.kind === "tool" ? ("error" as const) : ("ok" as const),
        startTime: new Date(run.startTime.getTime() + index),
        model: step.model ?? null,
        promptName: step.prompt?.name ?? null,
        promptVersion: step.prompt?.version ?? null,
        inputTokens: step.inputTokens ?? null,
        outputTokens: step.outputTokens ?? null,
        providedCost: step.providedCost ?? null,
        calculatedCost: step.calculatedCost ?? null,
      })),
    ),
  });
  await db.finding.createMany({
    data: runs.flatMap((run) =>
      run.findings.map((finding, index) => ({
        projectId,
        traceId: run.id,
        kind: finding.kind,
        detectorId: finding.kind,
        detectorVersion: 1,
        groupKey: String(index),
        severity: "medium" as const,
        explanation: "seeded",
        evidence: {},
        dismissedAt: finding.dismissed ? new Date() : null,
      })),
    ),
  });
  await refreshTraceAggregates((sql, params) => pool.query(sql, params), {
    projectId,
    traceIds: runs.map((run) => run.id),
  });
}

function stepCost(step: SeedStep): number {
  return step.providedCost ?? step.calculatedCost ?? 0;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Postgres's percentile_cont: linear interpolation between the two nearest ranks. */
function percentileCont(values: number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const lower = sorted[Math.floor(position)]!;
  const upper = sorted[Math.ceil(position)]!;
  return lower + (upper - lower) * (position - Math.floor(position));
}

function latencies(runs: SeedRun[]): number[] {
  return runs.flatMap((run) => (run.status !== "running" && run.durationMs !== null ? [run.durationMs] : []));
}

const windowRuns = buildWindowRuns();
let projectId: string;

beforeAll(async () => {
  projectId = (await createProject()).id;
  await seedRuns(projectId, [...windowRuns, ...buildOutsideRuns()]);
  // Another project's runs, in the same window and with the same ids, must never be counted.
  const neighbour = await createProject();
  await seedRuns(neighbour.id, [...windowRuns, ...buildOutsideRuns()].map((run) => ({ ...run, status: "error" })));
});

describe("readRunSeries", () => {
  it("gives one point per hour, zero for quiet hours, with each hour's runs, tokens, cost and latency", async () => {
    const series = await readRunSeries(testDb.db, {
      projectId,
      from: WINDOW_FROM,
      to: WINDOW_TO,
      bucket: "hour",
    });

    expect(series).toHaveLength(48);
    series.forEach((point, hour) => {
      const bucketStart = new Date(WINDOW_FROM.getTime() + hour * HOUR_MS);
      const runs = windowRuns.filter(
        (run) => Math.floor((run.startTime.getTime() - WINDOW_FROM.getTime()) / HOUR_MS) === hour,
      );
      const steps = runs.flatMap((run) => run.steps);
      expect(point.bucketStart).toEqual(bucketStart);
      expect(point.runs).toBe(runs.length);
      expect(point.failedRuns).toBe(runs.filter((run) => run.status === "error").length);
      expect(point.steps).toBe(steps.length);
      expect(point.inputTokens).toBe(sum(steps.map((step) => step.inputTokens ?? 0)));
      expect(point.outputTokens).toBe(sum(steps.map((step) => step.outputTokens ?? 0)));
      expect(point.cost).toBeCloseTo(sum(steps.map(stepCost)), 10);
      const finished = latencies(runs);
      for (const [field, fraction] of [
        ["latencyP50Ms", 0.5],
        ["latencyP95Ms", 0.95],
        ["latencyP99Ms", 0.99],
      ] as const) {
        const expected = percentileCont(finished, fraction);
        if (expected === null) expect(point[field]).toBeNull();
        else expect(point[field]).toBeCloseTo(expected, 6);
      }
    });
    expect(series.filter((point) => point.runs === 0).length).toBeGreaterThan(0);
    expect(sum(series.map((point) => point.runs))).toBe(windowRuns.length);
  });

  it("fills every day of a daily series, and starts from the bucket that holds `from`", async () => {
    const from = new Date("2025-05-29T10:30:00Z");
    const series = await readRunSeries(testDb.db, {
      projectId,
      from,
      to: new Date("2025-06-04T00:00:00Z"),
      bucket: "day",
    });

    expect(series.map((point) => point.bucketStart.toISOString().slice(0, 10))).toEqual([
      "2025-05-29",
      "2025-05-30",
      "2025-05-31",
      "2025-06-01",
      "2025-06-02",
      "2025-06-03",
    ]);
    const runsOn = (day: string) =>
      [...windowRuns, ...buildOutsideRuns()].filter((run) => run.startTime.toISOString().startsWith(day)).length;
    expect(series.map((point) => point.runs)).toEqual([
      0,
      0,
      runsOn("2025-05-31"),
      runsOn("2025-06-01"),
      runsOn("2025-06-02"),
      runsOn("2025-06-03"),
    ]);
    expect(series[0]?.latencyP50Ms).toBeNull();
  });
});

describe("readDashboardTotals", () => {
  it("adds up the window's runs only, in this project only", async () => {
    const totals = await readDashboardTotals(testDb.db, { projectId, from: WINDOW_FROM, to: WINDOW_TO });
    const steps = windowRuns.flatMap((run) => run.steps);
    const failedRuns = windowRuns.filter((run) => run.status === "error").length;

    expect(totals).toEqual({
      runs: windowRuns.length,
      failedRuns,
      errorRate: failedRuns / windowRuns.length,
      cost: expect.closeTo(sum(steps.map(stepCost)), 10),
      inputTokens: sum(steps.map((step) => step.inputTokens ?? 0)),
      outputTokens: sum(steps.map((step) => step.outputTokens ?? 0)),
      latencyP95Ms: expect.closeTo(percentileCont(latencies(windowRuns), 0.95)!, 6),
      findings: windowRuns.flatMap((run) => run.findings.filter((finding) => !finding.dismissed)).length,
    });
  });

  it("has no error rate or latency when the window is empty", async () => {
    const totals = await readDashboardTotals(testDb.db, {
      projectId,
      from: new Date("2024-01-01T00:00:00Z"),
      to: new Date("2024-01-02T00:00:00Z"),
    });

    expect(totals).toEqual({
      runs: 0,
      failedRuns: 0,
      errorRate: null,
      cost: 0,
      inputTokens: 0,
      outputTokens: 0,
      latencyP95Ms: null,
      findings: 0,
    });
  });
});

describe("readFindingsByKind", () => {
  it("counts findings and the runs they touch, leaving dismissed findings out", async () => {
    const rows = await readFindingsByKind(testDb.db, { projectId, from: WINDOW_FROM, to: WINDOW_TO });

    const expected = new Map<string, { findings: number; runs: Set<string> }>();
    for (const run of windowRuns) {
      for (const finding of run.findings.filter((candidate) => !candidate.dismissed)) {
        const entry = expected.get(finding.kind) ?? { findings: 0, runs: new Set<string>() };
        entry.findings += 1;
        entry.runs.add(run.id);
        expected.set(finding.kind, entry);
      }
    }
    expect(rows).toEqual(
      [...expected]
        .map(([kind, entry]) => ({ kind, findings: entry.findings, runsAffected: entry.runs.size }))
        .sort((a, b) => b.findings - a.findings || a.kind.localeCompare(b.kind)),
    );
  });
});

describe("readUsageBreakdown", () => {
  function expectedBreakdown(label: (step: SeedStep) => string) {
    const groups = new Map<string, { cost: number; inputTokens: number; outputTokens: number; llmCalls: number }>();
    for (const step of windowRuns.flatMap((run) => run.steps).filter((candidate) => candidate.kind === "llm")) {
      const group = groups.get(label(step)) ?? { cost: 0, inputTokens: 0, outputTokens: 0, llmCalls: 0 };
      group.cost += stepCost(step);
      group.inputTokens += step.inputTokens ?? 0;
      group.outputTokens += step.outputTokens ?? 0;
      group.llmCalls += 1;
      groups.set(label(step), group);
    }
    return [...groups]
      .sort(([, a], [, b]) => b.cost - a.cost)
      .map(([groupLabel, group]) => ({ ...group, label: groupLabel, cost: expect.closeTo(group.cost, 10) }));
  }

  it("groups llm steps by model", async () => {
    const rows = await readUsageBreakdown(testDb.db, {
      projectId,
      from: WINDOW_FROM,
      to: WINDOW_TO,
      dimension: "model",
    });
    expect(rows).toEqual(expectedBreakdown((step) => step.model ?? "(unknown model)"));
  });

  it("groups llm steps by agent, naming the steps that have none", async () => {
    const rows = await readUsageBreakdown(testDb.db, {
      projectId,
      from: WINDOW_FROM,
      to: WINDOW_TO,
      dimension: "agent",
    });
    expect(rows).toEqual(expectedBreakdown((step) => step.agentName ?? "(no agent)"));
  });

  it("groups llm steps by prompt version", async () => {
    const rows = await readUsageBreakdown(testDb.db, {
      projectId,
      from: WINDOW_FROM,
      to: WINDOW_TO,
      dimension: "prompt_version",
    });
    expect(rows).toEqual(
      expectedBreakdown((step) => (step.prompt ? `${step.prompt.name} v${step.prompt.version}` : "(no prompt)")),
    );
  });

  it("keeps the twelve costliest groups and sums the rest into one row", async () => {
    const crowded = await createProject();
    const models = Array.from({ length: 15 }, (_, index) => `model-${String(index).padStart(2, "0")}`);
    await seedRuns(
      crowded.id,
      models.map((model, index) => ({
        id: `crowded-${index}`,
        startTime: new Date(WINDOW_FROM.getTime() + index * HOUR_MS),
        status: "ok",
        durationMs: 1_000,
        steps: [{ kind: "llm", model, inputTokens: 10, outputTokens: 1, providedCost: (index + 1) / 100 }],
        findings: [],
      })),
    );

    const rows = await readUsageBreakdown(testDb.db, {
      projectId: crowded.id,
      from: WINDOW_FROM,
      to: WINDOW_TO,
      dimension: "model",
    });

    expect(rows.map((row) => row.label)).toEqual([...[...models].reverse().slice(0, 12), null]);
    expect(rows.at(-1)).toEqual({
      label: null,
      cost: expect.closeTo(0.01 + 0.02 + 0.03, 10),
      inputTokens: 30,
      outputTokens: 3,
      llmCalls: 3,
    });
  });
});

describe("readCostliestRuns", () => {
  it("lists the window's ten costliest runs, costliest first", async () => {
    const rows = await readCostliestRuns(testDb.db, { projectId, from: WINDOW_FROM, to: WINDOW_TO });

    const expected = windowRuns
      .map((run) => ({ run, cost: sum(run.steps.map(stepCost)) }))
      .filter(({ cost }) => cost > 0)
      .sort((a, b) => b.cost - a.cost || b.run.startTime.getTime() - a.run.startTime.getTime())
      .slice(0, 10);
    expect(rows).toEqual(
      expected.map(({ run, cost }) => ({
        id: run.id,
        name: `agent ${run.id}`,
        status: run.status,
        cost: expect.closeTo(cost, 10),
        tokens: sum(run.steps.map((step) => (step.inputTokens ?? 0) + (step.outputTokens ?? 0))),
        steps: run.steps.length,
        startTime: run.startTime,
      })),
    );
  });
});
