import { buildCorpus } from "@loupe/fixtures";
import { storeRecordedRun } from "@loupe/ingestion";
import { createTestDatabase, type TestDatabase } from "@loupe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callAs, catchTrpcError, createProjectOwner, createUser } from "../../test/support/seed.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

// The corpus spreads its runs over the three weeks before its base time; an hour ago keeps every
// run, follow-ups included, in the past.
const baseTime = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS - HOUR_MS);
const corpusRuns = buildCorpus({ baseTime }).map((fixture) => fixture.run);
const customRange = {
  range: "custom" as const,
  from: new Date(baseTime.getTime() - 30 * DAY_MS).toISOString(),
  to: new Date(baseTime.getTime() + HOUR_MS).toISOString(),
};

let testDb: TestDatabase;
let owner: Awaited<ReturnType<typeof createProjectOwner>>;
/** What each stored step cost and used, read back row by row: the aggregates are checked against it. */
let storedSteps: {
  traceId: string;
  kind: string | null;
  agentName: string | null;
  cost: number;
  tokens: number;
}[];

beforeAll(async () => {
  testDb = await createTestDatabase();
  owner = await createProjectOwner(testDb.db);
  for (const run of corpusRuns) {
    await storeRecordedRun(testDb.pool, { projectId: owner.project.id, run });
  }
  const rows = await testDb.db.step.findMany({ where: { projectId: owner.project.id } });
  storedSteps = rows.map((row) => ({
    traceId: row.traceId,
    kind: row.kind,
    agentName: row.agentName,
    cost: row.providedCost ?? row.calculatedCost ?? 0,
    tokens: (row.inputTokens ?? 0) + (row.outputTokens ?? 0),
  }));
});

afterAll(async () => {
  await testDb.drop();
});

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function percentileCont(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const lower = sorted[Math.floor(position)]!;
  const upper = sorted[Math.ceil(position)]!;
  return lower + (upper - lower) * (position - Math.floor(position));
}

function runCost(traceId: string): number {
  return sum(storedSteps.filter((step) => step.traceId === traceId).map((step) => step.cost));
}

describe("dashboard.overview", () => {
  it("adds up the corpus: runs, failures, latency, tokens and cost, charted day by day", async () => {
    const overview = await owner.caller.dashboard.overview({
      projectId: owner.project.id,
      ...customRange,
      breakdownBy: "model",
    });

    const failedRuns = corpusRuns.filter((run) => run.trace.status === "error").length;
    const latencies = corpusRuns.flatMap(({ trace }) =>
      trace.endTime ? [trace.endTime.getTime() - trace.startTime.getTime()] : [],
    );
    expect(overview.window).toEqual({
      from: new Date(customRange.from),
      to: new Date(customRange.to),
      bucket: "day",
    });
    expect(overview.totals).toMatchObject({
      runs: corpusRuns.length,
      failedRuns,
      errorRate: failedRuns / corpusRuns.length,
      findings: 0,
    });
    expect(overview.totals.cost).toBeCloseTo(sum(storedSteps.map((step) => step.cost)), 8);
    expect(overview.totals.inputTokens + overview.totals.outputTokens).toBe(
      sum(storedSteps.map((step) => step.tokens)),
    );
    expect(overview.totals.latencyP95Ms).toBeCloseTo(percentileCont(latencies, 0.95), 3);

    const bucketStarts = overview.series.map((point) => point.bucketStart.getTime());
    expect(bucketStarts[0]).toBe(Math.floor(Date.parse(customRange.from) / DAY_MS) * DAY_MS);
    expect(bucketStarts.slice(1).every((start, index) => start - bucketStarts[index]! === DAY_MS)).toBe(true);
    expect(bucketStarts.at(-1)).toBeLessThan(Date.parse(customRange.to));
    expect(sum(overview.series.map((point) => point.runs))).toBe(corpusRuns.length);
    expect(overview.series.some((point) => point.runs === 0)).toBe(true);
  });

  it("lists the costliest runs, most expensive first", async () => {
    const { costliestRuns } = await owner.caller.dashboard.overview({
      projectId: owner.project.id,
      ...customRange,
    });

    const expected = corpusRuns
      .map((run) => ({ id: run.trace.id, cost: runCost(run.trace.id) }))
      .filter((run) => run.cost > 0)
      .sort((a, b) => b.cost - a.cost)
      .slice(0, 10);
    expect(costliestRuns.map((run) => run.id)).toEqual(expected.map((run) => run.id));
    expect(costliestRuns[0]?.cost).toBeCloseTo(expected[0]!.cost, 8);
  });

  it("breaks usage down by agent: the twelve costliest by name, the rest in one row", async () => {
    const { usage } = await owner.caller.dashboard.overview({
      projectId: owner.project.id,
      ...customRange,
      breakdownBy: "agent",
    });

    const llmSteps = storedSteps.filter((step) => step.kind === "llm");
    const agentCosts = new Map<string, number>();
    for (const step of llmSteps) {
      const agent = step.agentName ?? "(no agent)";
      agentCosts.set(agent, (agentCosts.get(agent) ?? 0) + step.cost);
    }
    const named = usage.rows.filter((row) => row.label !== null);
    const foldedCosts = [...agentCosts]
      .filter(([agent]) => !named.some((row) => row.label === agent))
      .map(([, cost]) => cost);
    expect(agentCosts.size).toBeGreaterThan(12);
    expect(usage.dimension).toBe("agent");
    expect(named).toHaveLength(12);
    expect(usage.rows.at(-1)?.label).toBeNull();
    for (const row of named) {
      expect(row.cost).toBeCloseTo(agentCosts.get(row.label!)!, 8);
      expect(row.cost).toBeGreaterThanOrEqual(Math.max(...foldedCosts));
    }
    expect(usage.rows.at(-1)?.cost).toBeCloseTo(sum(foldedCosts), 8);
    expect(sum(usage.rows.map((row) => row.llmCalls))).toBe(llmSteps.length);
  });

  it("measures a relative range back from now, hour by hour up to two days", async () => {
    const before = Date.now();
    const { window, totals, series } = await owner.caller.dashboard.overview({
      projectId: owner.project.id,
      range: "24h",
    });

    expect(window.bucket).toBe("hour");
    expect(window.to.getTime()).toBeGreaterThanOrEqual(before);
    expect(window.to.getTime() - window.from.getTime()).toBe(DAY_MS);
    expect(series.length).toBeGreaterThanOrEqual(24);
    const startedSince = (since: number) =>
      corpusRuns.filter((run) => run.trace.startTime.getTime() >= since).length;
    expect(totals.runs).toBe(startedSince(window.from.getTime()));
  });

  it("refuses a custom range that ends before it starts or spans more than 90 days, naming the field", async () => {
    const projectId = owner.project.id;
    const backwards = await catchTrpcError(
      owner.caller.dashboard.overview({
        projectId,
        range: "custom",
        from: "2025-03-02T00:00:00Z",
        to: "2025-03-01T00:00:00Z",
      }),
    );
    const tooWide = await catchTrpcError(
      owner.caller.dashboard.overview({
        projectId,
        range: "custom",
        from: "2025-01-01T00:00:00Z",
        to: "2025-06-01T00:00:00Z",
      }),
    );
    const open = await catchTrpcError(
      owner.caller.dashboard.overview({ projectId, range: "custom", to: "2025-06-01T00:00:00Z" }),
    );

    expect(backwards.code).toBe("BAD_REQUEST");
    expect(backwards.message).toContain("to: Must be after the start");
    expect(tooWide.message).toContain("to: Must be at most 90 days");
    expect(open.message).toContain("from: A custom range needs a start");
  });

  it("shows a project's dashboard to its members only", async () => {
    const stranger = await createUser(testDb.db);
    const error = await catchTrpcError(
      callAs(testDb.db, stranger).dashboard.overview({ projectId: owner.project.id, range: "30d" }),
    );
    expect(error.code).toBe("FORBIDDEN");
  });
});
