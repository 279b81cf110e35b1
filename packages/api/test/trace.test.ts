import { randomUUID } from "node:crypto";
import { buildCorpus } from "@loupe/fixtures";
import { storeRecordedRun } from "@loupe/ingestion";
import { createTestDatabase, type TestDatabase } from "@loupe/db/testing";
import type { RecordedRun } from "@loupe/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouterOutputs } from "../src/index.ts";
import { buildRun, catchTrpcError, createProjectOwner } from "./support/seed.ts";

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});

afterAll(async () => {
  await testDb.drop();
});

type TraceCursor = RouterOutputs["trace"]["list"]["nextCursor"];
type Owner = Awaited<ReturnType<typeof createProjectOwner>>;

async function storeRuns(
  owner: Owner,
  runs: { traceId: string; startTime: Date; sessionId?: string }[],
) {
  for (const run of runs) {
    await storeRecordedRun(testDb.pool, { projectId: owner.project.id, run: buildRun(run) });
  }
}

describe("trace.list", () => {
  it("pages through every run, newest first, without duplicates or gaps", async () => {
    const owner = await createProjectOwner(testDb.db);
    const base = Date.parse("2025-03-01T10:00:00Z");
    // Several runs share a start time, so the cursor must break ties by id.
    const runs = Array.from({ length: 11 }, (_, index) => ({
      traceId: `trace-${String(index).padStart(2, "0")}`,
      startTime: new Date(base + Math.floor(index / 3) * 60_000),
    }));
    await storeRuns(owner, runs);

    const seen: string[] = [];
    let cursor: TraceCursor = null;
    let pages = 0;
    do {
      const page = await owner.caller.trace.list({ projectId: owner.project.id, limit: 4, cursor });
      seen.push(...page.traces.map((trace) => trace.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);

    const expected = [...runs]
      .sort(
        (a, b) =>
          b.startTime.getTime() - a.startTime.getTime() || b.traceId.localeCompare(a.traceId),
      )
      .map((run) => run.traceId);
    expect(seen).toEqual(expected);
    expect(pages).toBe(3);
  });

  it("returns the aggregates the list shows", async () => {
    const owner = await createProjectOwner(testDb.db);
    await storeRuns(owner, [{ traceId: "trace-a", startTime: new Date("2025-03-01T10:00:00Z") }]);

    const { traces } = await owner.caller.trace.list({ projectId: owner.project.id });

    expect(traces).toEqual([
      expect.objectContaining({
        id: "trace-a",
        name: "support-agent",
        status: "ok",
        stepCount: 2,
        inputTokens: 120n,
        outputTokens: 30n,
        totalCost: 0.0004,
      }),
    ]);
  });

  it("filters by session", async () => {
    const owner = await createProjectOwner(testDb.db);
    const startTime = new Date("2025-03-01T10:00:00Z");
    await storeRuns(owner, [
      { traceId: "in-session", startTime, sessionId: "session-1" },
      { traceId: "elsewhere", startTime, sessionId: "session-2" },
    ]);

    const { traces } = await owner.caller.trace.list({
      projectId: owner.project.id,
      sessionId: "session-1",
    });

    expect(traces.map((trace) => trace.id)).toEqual(["in-session"]);
  });

  it("filters by status and by tag", async () => {
    const owner = await createProjectOwner(testDb.db);
    const startTime = new Date("2025-03-01T10:00:00Z");
    const runs = [
      { traceId: "failed-billing", status: "error" as const, tags: ["billing"] },
      { traceId: "failed-search", status: "error" as const, tags: ["search"] },
      { traceId: "ok-billing", status: "ok" as const, tags: ["billing", "beta"] },
    ];
    for (const { tags, ...run } of runs) {
      const recorded = buildRun({ ...run, startTime });
      await storeRecordedRun(testDb.pool, {
        projectId: owner.project.id,
        run: { ...recorded, trace: { ...recorded.trace, tags } },
      });
    }
    const projectId = owner.project.id;
    const ids = (page: { traces: { id: string }[] }) => page.traces.map((trace) => trace.id).sort();

    expect(ids(await owner.caller.trace.list({ projectId, status: "error" }))).toEqual([
      "failed-billing",
      "failed-search",
    ]);
    expect(ids(await owner.caller.trace.list({ projectId, tag: "billing" }))).toEqual([
      "failed-billing",
      "ok-billing",
    ]);
    expect(
      ids(await owner.caller.trace.list({ projectId, status: "error", tag: "billing" })),
    ).toEqual(["failed-billing"]);
  });

  it("filters by start time", async () => {
    const owner = await createProjectOwner(testDb.db);
    await storeRuns(owner, [
      { traceId: "early", startTime: new Date("2025-03-01T09:00:00Z") },
      { traceId: "late", startTime: new Date("2025-03-01T11:00:00Z") },
    ]);

    const { traces } = await owner.caller.trace.list({
      projectId: owner.project.id,
      startedAfter: new Date("2025-03-01T10:00:00Z"),
      startedBefore: new Date("2025-03-01T12:00:00Z"),
    });

    expect(traces.map((trace) => trace.id)).toEqual(["late"]);
  });

  it("refuses an unknown status", async () => {
    const owner = await createProjectOwner(testDb.db);

    const error = await catchTrpcError(
      // @ts-expect-error: the status is not one the schema allows
      owner.caller.trace.list({ projectId: owner.project.id, status: "exploded" }),
    );

    expect(error.code).toBe("BAD_REQUEST");
  });

  it("never shows another project's runs", async () => {
    const owner = await createProjectOwner(testDb.db);
    const neighbour = await createProjectOwner(testDb.db);
    await storeRuns(neighbour, [{ traceId: "private", startTime: new Date() }]);

    const { traces } = await owner.caller.trace.list({ projectId: owner.project.id });

    expect(traces).toEqual([]);
  });

  it("caps the page size", async () => {
    const owner = await createProjectOwner(testDb.db);

    const error = await catchTrpcError(
      owner.caller.trace.list({ projectId: owner.project.id, limit: 101 }),
    );

    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/^limit: /);
  });
});

describe("trace.byId", () => {
  it("returns the run with its input and output", async () => {
    const owner = await createProjectOwner(testDb.db);
    await storeRuns(owner, [
      { traceId: "trace-detail", startTime: new Date("2025-03-01T10:00:00Z") },
    ]);

    const trace = await owner.caller.trace.byId({
      projectId: owner.project.id,
      traceId: "trace-detail",
    });

    expect(trace).toMatchObject({
      id: "trace-detail",
      input: { question: "Where is my order?" },
      output: { answer: "It ships tomorrow." },
    });
  });

  it("says NOT_FOUND, naming the trace, when it is not in the project", async () => {
    const owner = await createProjectOwner(testDb.db);
    const neighbour = await createProjectOwner(testDb.db);
    await storeRuns(neighbour, [{ traceId: "theirs", startTime: new Date() }]);

    for (const traceId of ["missing", "theirs"]) {
      await expect(
        owner.caller.trace.byId({ projectId: owner.project.id, traceId }),
      ).rejects.toMatchObject({
        code: "NOT_FOUND",
        message: `Trace "${traceId}" was not found in this project.`,
      });
    }
  });
});

describe("trace.steps", () => {
  it("pages through the steps in order, with the llm conversation resolved", async () => {
    const owner = await createProjectOwner(testDb.db);
    const traceId = `trace-${randomUUID()}`;
    await storeRuns(owner, [{ traceId, startTime: new Date("2025-03-01T10:00:00Z") }]);
    const projectId = owner.project.id;

    const first = await owner.caller.trace.steps({ projectId, traceId, limit: 1 });
    const second = await owner.caller.trace.steps({
      projectId,
      traceId,
      limit: 1,
      cursor: first.nextCursor,
    });

    expect(first.steps.map((step) => step.id)).toEqual([`${traceId}-llm`]);
    expect(first.steps[0]?.input).toEqual({
      messages: [
        { role: "system", content: "You are a support agent." },
        { role: "user", content: "Where is my order?" },
      ],
    });
    expect(second.steps.map((step) => step.id)).toEqual([`${traceId}-tool`]);
    expect(second.nextCursor).toBeNull();
  });
});

const corpus = buildCorpus();

function corpusRun(slug: string): RecordedRun {
  const fixture = corpus.find((candidate) => candidate.slug === slug);
  if (!fixture) throw new Error(`No fixture run named ${slug}`);
  return fixture.run;
}

/**
 * The corpus runs these tests store: a fixed set, so that a run added to the corpus cannot make a
 * word or a model these tests rely on less unique.
 */
const STORED_SLUGS = [
  "healthy-support-order-status",
  "healthy-research-planner",
  "repeated-web-search",
  "retry-storm-crm-auth",
  "healthy-refund-human-approval",
  "email-fanout-all-customers",
  "handoff-ping-pong-billing",
  "healthy-team-email",
  "cycle-ticket-routing",
  "step-runaway-repo-audit",
];

/** A project holding those runs (trace ids as the corpus has them). */
async function storeCorpus(owner: Owner) {
  for (const slug of STORED_SLUGS) {
    await storeRecordedRun(testDb.pool, { projectId: owner.project.id, run: corpusRun(slug) });
  }
}

type ListInput = Omit<Parameters<Owner["caller"]["trace"]["list"]>[0], "projectId" | "cursor">;

/** Every page of a listing, in order, and how many pages it took. */
async function listAllPages(owner: Owner, input: ListInput) {
  const ids: string[] = [];
  let cursor: TraceCursor = null;
  let pages = 0;
  do {
    const page = await owner.caller.trace.list({ projectId: owner.project.id, ...input, cursor });
    ids.push(...page.traces.map((trace) => trace.id));
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor && pages < 100);
  return { ids, pages };
}

async function listIds(owner: Owner, input: ListInput) {
  const { traces } = await owner.caller.trace.list({
    projectId: owner.project.id,
    limit: 100,
    ...input,
  });
  return traces.map((trace) => trace.id);
}

function traceIdOf(slug: string) {
  return corpusRun(slug).trace.id;
}

describe("trace.list search", () => {
  let owner: Owner;
  let neighbour: Owner;
  beforeAll(async () => {
    owner = await createProjectOwner(testDb.db);
    neighbour = await createProjectOwner(testDb.db);
    await storeCorpus(owner);
    // A run whose only trace of the word is in its conversation: a system message.
    const recorded = buildRun({
      traceId: "conversation-only",
      startTime: new Date("2025-03-01T10:00:00Z"),
    });
    const [llm, tool] = recorded.steps;
    await storeRecordedRun(testDb.pool, {
      projectId: owner.project.id,
      run: {
        ...recorded,
        steps: [
          {
            ...llm!,
            input: {
              messages: [
                { role: "system", content: "You are a zeppelin support agent." },
                { role: "user", content: "Where is my order?" },
              ],
            },
          },
          tool!,
        ],
      },
    });
    await storeRecordedRun(testDb.pool, {
      projectId: neighbour.project.id,
      run: {
        ...buildRun({ traceId: "neighbour-secret", startTime: new Date("2025-03-01T10:00:00Z") }),
        trace: {
          ...buildRun({ traceId: "neighbour-secret", startTime: new Date("2025-03-01T10:00:00Z") })
            .trace,
          input: { question: "Where is my quetzalcoatl?" },
        },
      },
    });
  });

  it("finds a run by a word only present in a tool's output", async () => {
    expect(await listIds(owner, { search: "vouchers" })).toEqual([
      traceIdOf("healthy-research-planner"),
    ]);
  });

  it("finds a run by a word only present in a retrieved document", async () => {
    expect(await listIds(owner, { search: "rerouted" })).toEqual([
      traceIdOf("healthy-support-order-status"),
    ]);
  });

  it("finds a run by a word only present in an llm step's conversation", async () => {
    expect(await listIds(owner, { search: "zeppelin" })).toEqual(["conversation-only"]);
  });

  it("finds runs by run name and by step name", async () => {
    expect(await listIds(owner, { search: "marketing-agent" })).toEqual([
      traceIdOf("email-fanout-all-customers"),
    ]);
    expect(await listIds(owner, { search: "lookup_order" })).toEqual(["conversation-only"]);
  });

  it("takes web-search syntax: phrases, and words to leave out", async () => {
    const both = await listIds(owner, { search: "vouchers OR rerouted" });
    expect(both.sort()).toEqual(
      [traceIdOf("healthy-research-planner"), traceIdOf("healthy-support-order-status")].sort(),
    );
    expect(await listIds(owner, { search: "rerouted -rerouted" })).toEqual([]);
  });

  it("never matches another project's content", async () => {
    expect(await listIds(owner, { search: "quetzalcoatl" })).toEqual([]);
    expect(await listIds(neighbour, { search: "quetzalcoatl" })).toEqual(["neighbour-secret"]);
    expect(await listIds(neighbour, { search: "vouchers" })).toEqual([]);
  });

  it("combines with the other filters and pages without duplicates or gaps", async () => {
    const all = await listIds(owner, { search: "the" });
    expect(all.length).toBeGreaterThan(3);
    const paged = await listAllPages(owner, { search: "the", limit: 2 });
    expect(paged.ids).toEqual(all);
    const failed = await listIds(owner, { search: "the", status: "error" });
    expect(failed.length).toBeLessThan(all.length);
    expect(failed.every((id) => all.includes(id))).toBe(true);
  });
});

describe("trace.list filters", () => {
  let owner: Owner;
  beforeAll(async () => {
    owner = await createProjectOwner(testDb.db);
    await storeCorpus(owner);
  });

  it("filters by model and by agent", async () => {
    expect(await listIds(owner, { model: "o4-mini" })).toEqual([
      traceIdOf("healthy-research-planner"),
    ]);
    expect(await listIds(owner, { agent: "billing-agent" })).toEqual([
      traceIdOf("handoff-ping-pong-billing"),
    ]);
    expect(await listIds(owner, { model: "no-such-model" })).toEqual([]);
  });

  it("filters by finding kind, leaving dismissed findings out", async () => {
    const loop = traceIdOf("repeated-web-search");
    const cycle = traceIdOf("cycle-ticket-routing");
    const base = {
      projectId: owner.project.id,
      detectorVersion: 1,
      severity: "high" as const,
      evidence: {},
    };
    await testDb.db.finding.createMany({
      data: [
        {
          ...base,
          traceId: loop,
          kind: "repeated_call",
          detectorId: "repeated-call",
          groupKey: "web_search",
          explanation: "loop",
        },
        {
          ...base,
          traceId: cycle,
          kind: "cycle",
          detectorId: "cycle",
          groupKey: "a-b",
          explanation: "cycle",
        },
        {
          ...base,
          traceId: cycle,
          kind: "repeated_call",
          detectorId: "repeated-call",
          groupKey: "route",
          explanation: "dismissed",
          dismissedAt: new Date(),
        },
      ],
    });

    expect(await listIds(owner, { findingKind: "repeated_call" })).toEqual([loop]);
    expect(await listIds(owner, { findingKind: "cycle" })).toEqual([cycle]);
    expect(await listIds(owner, { findingKind: "plan_drift" })).toEqual([]);

    const { traces } = await owner.caller.trace.list({ projectId: owner.project.id, limit: 100 });
    const kinds = Object.fromEntries(traces.map((trace) => [trace.id, trace.findingKinds]));
    expect(kinds[loop]).toEqual(["repeated_call"]);
    expect(kinds[cycle]).toEqual(["cycle"]);
    expect(kinds[traceIdOf("healthy-team-email")]).toEqual([]);
  });

  it("filters by cost range", async () => {
    const { traces } = await owner.caller.trace.list({ projectId: owner.project.id, limit: 100 });
    const costs = traces.map((trace) => trace.totalCost).sort((a, b) => a - b);
    const low = costs[3]!;
    const high = costs[costs.length - 4]!;
    const inRange = await owner.caller.trace.list({
      projectId: owner.project.id,
      limit: 100,
      minCost: low,
      maxCost: high,
    });
    expect(inRange.traces.length).toBe(
      traces.filter((trace) => trace.totalCost >= low && trace.totalCost <= high).length,
    );
    expect(inRange.traces.every((trace) => trace.totalCost >= low && trace.totalCost <= high)).toBe(
      true,
    );
  });

  it("filters by latency range in milliseconds", async () => {
    const ids = await listIds(owner, { minLatencyMs: 100_000, maxLatencyMs: 200_000 });
    expect(ids.sort()).toEqual(
      [traceIdOf("email-fanout-all-customers"), traceIdOf("step-runaway-repo-audit")].sort(),
    );
    expect(await listIds(owner, { minLatencyMs: 884_102 })).toEqual([
      traceIdOf("healthy-refund-human-approval"),
    ]);
  });

  it("names the field when a range is upside down", async () => {
    const cost = await catchTrpcError(
      owner.caller.trace.list({ projectId: owner.project.id, minCost: 2, maxCost: 1 }),
    );
    expect(cost.code).toBe("BAD_REQUEST");
    expect(cost.message).toMatch(/^minCost: must not be greater than maxCost/);
    const latency = await catchTrpcError(
      owner.caller.trace.list({ projectId: owner.project.id, minLatencyMs: 10, maxLatencyMs: 5 }),
    );
    expect(latency.message).toMatch(/^minLatencyMs: /);
    const negative = await catchTrpcError(
      owner.caller.trace.list({ projectId: owner.project.id, minCost: -1 }),
    );
    expect(negative.message).toMatch(/^minCost: /);
  });

  it("refuses a cursor whose sort key does not fit the order", async () => {
    const error = await catchTrpcError(
      owner.caller.trace.list({
        projectId: owner.project.id,
        sort: "cost",
        cursor: { startTime: new Date(), id: "x", sortKey: "1; DROP TABLE trace" },
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/^cursor\.sortKey: /);
  });
});

describe("trace.list sorting", () => {
  let owner: Owner;
  beforeAll(async () => {
    owner = await createProjectOwner(testDb.db);
    await storeCorpus(owner);
    // Runs that tie on every sort key and start together, so ties must be broken by id; and a
    // run still going, which has no duration.
    const startTime = new Date("2025-03-01T10:00:00Z");
    await storeRuns(
      owner,
      ["tie-a", "tie-b", "tie-c", "tie-d"].map((traceId) => ({ traceId, startTime })),
    );
    const running = buildRun({ traceId: "still-running", startTime });
    await storeRecordedRun(testDb.pool, {
      projectId: owner.project.id,
      run: { ...running, trace: { ...running.trace, status: "running", endTime: undefined } },
    });
  });

  const sorts = ["startTime", "duration", "cost", "tokens", "steps", "findings"] as const;
  type Row = RouterOutputs["trace"]["list"]["traces"][number];
  const keyOf: Record<(typeof sorts)[number], (row: Row) => number | null> = {
    startTime: (row) => row.startTime.getTime(),
    duration: (row) => (row.endTime ? row.endTime.getTime() - row.startTime.getTime() : null),
    cost: (row) => row.totalCost,
    tokens: (row) => Number(row.inputTokens + row.outputTokens),
    steps: (row) => row.stepCount,
    findings: (row) => row.findingCount,
  };

  for (const sort of sorts) {
    for (const order of ["asc", "desc"] as const) {
      it(`sorts by ${sort} ${order} and pages without duplicates or gaps`, async () => {
        const { traces } = await owner.caller.trace.list({
          projectId: owner.project.id,
          limit: 100,
          sort,
          order,
        });
        const keys = traces.map(keyOf[sort]);
        const present = keys.filter((key): key is number => key !== null);
        // Runs without a key come last in either direction.
        expect(keys.slice(present.length).every((key) => key === null)).toBe(true);
        const sorted = [...present].sort((a, b) => (order === "asc" ? a - b : b - a));
        expect(present).toEqual(sorted);

        const paged = await listAllPages(owner, { sort, order, limit: 3 });
        expect(paged.ids).toEqual(traces.map((trace) => trace.id));
        expect(new Set(paged.ids).size).toBe(STORED_SLUGS.length + 5);
        expect(paged.pages).toBe(Math.ceil((STORED_SLUGS.length + 5) / 3));
      });
    }
  }

  it("puts the costliest run first when sorting by cost, descending", async () => {
    const projectId = owner.project.id;
    const { traces } = await owner.caller.trace.list({ projectId, limit: 100 });
    const costliest = traces.reduce((best, trace) =>
      trace.totalCost > best.totalCost ? trace : best,
    );
    const first = await owner.caller.trace.list({ projectId, sort: "cost", limit: 1 });
    expect(first.traces.map((trace) => trace.id)).toEqual([costliest.id]);
  });
});
