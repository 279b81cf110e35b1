import { buildCorpus } from "@loupe/fixtures";
import { ensureLocalAdmin, ensureProject, findTraceById, listTraceSteps, type SqlPool } from "@loupe/db";
import { createTestDatabase, type TestDatabase } from "@loupe/db/testing";
import type { IngestionEvent } from "@loupe/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  INGESTION_LIMITS,
  KnownContent,
  ingestEvents,
  recordedRunToEvents,
  type IngestionDependencies,
} from "../src/index.ts";

let database: TestDatabase;
let pool: SqlPool;
let deps: IngestionDependencies;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = database.pool;
  deps = {
    pool,
    knownContent: new KnownContent(),
    // Deterministic stand-ins: the pricing package has its own tests.
    estimateUsage: ({ input, output }) => ({
      input: Math.ceil(JSON.stringify(input ?? "").length / 4),
      output: Math.ceil(JSON.stringify(output ?? "").length / 4),
    }),
    calculateCost: ({ model, usage }) => (model === "priced-model" ? usage.input * 1e-6 + usage.output * 2e-6 : null),
  };
});
afterAll(() => database.drop());

async function newProject(slug: string) {
  const admin = await ensureLocalAdmin(database.db);
  return (await ensureProject(database.db, { slug: `${slug}-${Math.random().toString(36).slice(2, 8)}`, name: slug, ownerId: admin.id })).id;
}

async function readRun(projectId: string, traceId: string) {
  const trace = await findTraceById(database.db, { projectId, traceId });
  const { steps } = await listTraceSteps(database.db, { projectId, traceId, limit: 10_000 });
  const comparable = steps
    .map(({ seq: _seq, createdAt: _c, updatedAt: _u, lastUpdateAt: _l, projectId: _p, ...step }) => step)
    .sort((a, b) => a.id.localeCompare(b.id));
  const { createdAt: _c, updatedAt: _u, lastUpdateAt: _l, projectId: _p, ...traceFields } = trace ?? ({} as NonNullable<typeof trace>);
  return { trace: traceFields, steps: comparable };
}

/** Splits each step-create into a create (start) and an update (end), as streaming SDKs send them. */
function splitIntoStartAndEnd(events: IngestionEvent[]): IngestionEvent[] {
  return events.flatMap((event): IngestionEvent[] => {
    if (event.type !== "step-create") return [event];
    const { endTime, output, status, statusMessage, usage, cost, ...start } = event.body;
    return [
      { ...event, body: { ...start, status: "running" } },
      {
        id: `${event.id}:end`,
        type: "step-update",
        timestamp: endTime ?? event.timestamp,
        body: { id: start.id, traceId: start.traceId, endTime, output, status, statusMessage, usage, cost },
      },
    ];
  });
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let index = copy.length - 1; index > 0; index--) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

const corpus = buildCorpus();
const supportRun = corpus.find((fixture) => fixture.slug === "healthy-support-order-status")!.run;
const stormRun = corpus.find((fixture) => fixture.slug === "retry-storm-crm-auth")!.run;

describe("ingestEvents", () => {
  it("stores a run sent as events exactly as recorded", async () => {
    const projectId = await newProject("exact");
    const outcome = await ingestEvents(deps, { projectId, rawEvents: recordedRunToEvents(supportRun) });
    expect(outcome.failed).toBe(0);
    expect(outcome.results.every((result) => result.status === 201)).toBe(true);

    const { trace, steps } = await readRun(projectId, supportRun.trace.id);
    expect(trace).toMatchObject({ name: supportRun.trace.name, status: supportRun.trace.status, stepCount: supportRun.steps.length });
    for (const recorded of supportRun.steps) {
      const stored = steps.find((step) => step.id === recorded.id);
      expect(stored?.input, recorded.id).toEqual(recorded.input);
      expect(stored?.output, recorded.id).toEqual(recorded.output);
      expect(stored?.startTime).toEqual(recorded.startTime);
      expect(stored?.endTime).toEqual(recorded.endTime ?? null);
    }
  });

  it("is idempotent: a retried batch is reported as duplicates and changes nothing", async () => {
    const projectId = await newProject("idempotent");
    const events = recordedRunToEvents(stormRun);
    await ingestEvents(deps, { projectId, rawEvents: events });
    const before = await readRun(projectId, stormRun.trace.id);
    const retry = await ingestEvents(deps, { projectId, rawEvents: events });
    expect(retry.applied).toBe(0);
    expect(retry.results.every((result) => result.status === 200 && "duplicate" in result)).toBe(true);
    expect(await readRun(projectId, stormRun.trace.id)).toEqual(before);
  });

  it("converges to the same run whatever the order and batching of its events", async () => {
    const events = splitIntoStartAndEnd(recordedRunToEvents(supportRun));
    const reference = await newProject("in-order");
    await ingestEvents(deps, { projectId: reference, rawEvents: events });
    const expected = await readRun(reference, supportRun.trace.id);
    expect(expected.steps).toHaveLength(supportRun.steps.length);
    expect(expected.steps.every((step) => step.status !== "running")).toBe(true);

    for (const seed of [1, 2, 3]) {
      const projectId = await newProject(`shuffled-${seed}`);
      const order = shuffled(events, seed);
      // Children before parents, updates before creates, ends before starts, across batches of 3.
      for (let start = 0; start < order.length; start += 3) {
        await ingestEvents(deps, { projectId, rawEvents: order.slice(start, start + 3) });
      }
      expect(await readRun(projectId, supportRun.trace.id)).toEqual(expected);
    }
  });

  it("keeps a run's totals exact when many batches of it are written at the same time", async () => {
    const events = splitIntoStartAndEnd(recordedRunToEvents(stormRun));
    const reference = await newProject("serial-totals");
    await ingestEvents(deps, { projectId: reference, rawEvents: events });
    const expected = (await readRun(reference, stormRun.trace.id)).trace;
    expect(expected.stepCount).toBe(stormRun.steps.length);

    for (const seed of [4, 5]) {
      const projectId = await newProject(`concurrent-totals-${seed}`);
      const order = shuffled(events, seed);
      const batches: IngestionEvent[][] = [];
      for (let start = 0; start < order.length; start += 4) batches.push(order.slice(start, start + 4));
      // New steps add to the totals, changed ones recount them: both at once, on one run's row.
      await Promise.all(batches.map((batch) => ingestEvents(deps, { projectId, rawEvents: batch })));
      const { trace, steps } = await readRun(projectId, stormRun.trace.id);
      expect(steps).toHaveLength(stormRun.steps.length);
      expect(trace).toMatchObject({
        stepCount: expected.stepCount,
        errorCount: expected.errorCount,
        inputTokens: expected.inputTokens,
        outputTokens: expected.outputTokens,
      });
      expect(trace.totalCost).toBeCloseTo(expected.totalCost, 12);
    }
  });

  it("lets a newer update win over an older one that arrives later", async () => {
    const projectId = await newProject("newer-wins");
    const base = { id: "s1", traceId: "t1" };
    const at = (second: number) => new Date(Date.UTC(2026, 10, 1, 0, 0, second));
    await ingestEvents(deps, {
      projectId,
      rawEvents: [
        { id: "late", type: "step-update", timestamp: at(9).toISOString(), body: { ...base, status: "error", statusMessage: "timeout" } },
      ],
    });
    await ingestEvents(deps, {
      projectId,
      rawEvents: [
        { id: "early", type: "step-update", timestamp: at(5).toISOString(), body: { ...base, status: "ok", output: { partial: true } } },
        { id: "create", type: "step-create", timestamp: at(1).toISOString(), body: { ...base, kind: "tool", name: "fetch", status: "running", startTime: at(1).toISOString() } },
      ],
    });
    const { steps } = await readRun(projectId, "t1");
    expect(steps[0]).toMatchObject({ kind: "tool", name: "fetch", status: "error", statusMessage: "timeout", output: { partial: true }, startTime: at(1) });
  });

  it("reports each bad event with its field and reason, applies the rest, and keeps stored data intact", async () => {
    const projectId = await newProject("bad-input");
    await ingestEvents(deps, { projectId, rawEvents: recordedRunToEvents(supportRun) });
    const before = await readRun(projectId, supportRun.trace.id);

    const outcome = await ingestEvents(deps, {
      projectId,
      rawEvents: [
        { id: "ok-1", type: "trace-create", timestamp: "2026-11-01T00:00:00Z", body: { id: "fresh-trace", name: "fresh" } },
        { id: "bad-type", type: "span-create", timestamp: "2026-11-01T00:00:00Z", body: {} },
        { id: "bad-kind", type: "step-create", timestamp: "2026-11-01T00:00:00Z", body: { id: "x", traceId: "fresh-trace", kind: "telepathy" } },
        { id: "bad-time", type: "trace-update", timestamp: "yesterday", body: { id: supportRun.trace.id, name: "overwritten" } },
        { id: "bad id with spaces", type: "trace-create", timestamp: "2026-11-01T00:00:00Z", body: { id: "t" } },
        "not an object",
      ],
    });
    expect(outcome.applied).toBe(1);
    const byId = new Map(outcome.results.map((result) => [result.id, result]));
    expect(byId.get("ok-1")).toMatchObject({ status: 201 });
    expect(byId.get("bad-type")).toMatchObject({ status: 400, field: "batch[1].type", message: expect.stringContaining("span-create") });
    expect(byId.get("bad-kind")).toMatchObject({ status: 400, field: "batch[2].body.kind" });
    expect(byId.get("bad-time")).toMatchObject({ status: 400, field: "batch[3].timestamp" });
    expect(byId.get("bad id with spaces")).toMatchObject({ status: 400, field: "batch[4].id" });
    expect(outcome.results.filter((result) => result.id === null)).toEqual([expect.objectContaining({ field: "batch[5].type" })]);
    expect(await readRun(projectId, supportRun.trace.id)).toEqual(before);
  });

  it("cuts oversized strings with a visible marker and says where", async () => {
    const projectId = await newProject("truncate");
    const huge = "x".repeat(INGESTION_LIMITS.maxStringChars + 1_000);
    const outcome = await ingestEvents(deps, {
      projectId,
      rawEvents: [{ id: "big", type: "step-create", timestamp: "2026-11-01T00:00:00Z", body: { id: "s", traceId: "t", kind: "tool", name: "dump", output: { log: huge, nul: "a\u0000b" } } }],
    });
    expect(outcome.results[0]).toMatchObject({ status: 201, truncated: ["output.log"] });
    const { steps } = await readRun(projectId, "t");
    const log = (steps[0]?.output as { log: string; nul: string }).log;
    expect(log.startsWith("x".repeat(1_000))).toBe(true);
    expect(log.endsWith("…[truncated by Loupe: 1000 more characters]")).toBe(true);
    expect((steps[0]?.output as { nul: string }).nul).toBe("a\uFFFDb");
    expect(steps[0]?.attributes).toMatchObject({ "loupe.truncated": ["output.log"] });
  });

  it("estimates missing tokens, prices steps without a cost, and keeps provided and calculated cost apart", async () => {
    const projectId = await newProject("costs");
    const llm = { traceId: "t", kind: "llm" as const, name: "chat", model: "priced-model", startTime: "2026-11-01T00:00:00Z" };
    await ingestEvents(deps, {
      projectId,
      rawEvents: [
        { id: "reported", type: "step-create", timestamp: "2026-11-01T00:00:00Z", body: { ...llm, id: "reported", usage: { input: 1000, output: 100 } } },
        { id: "provided", type: "step-create", timestamp: "2026-11-01T00:00:00Z", body: { ...llm, id: "provided", usage: { input: 1000, output: 100 }, cost: 0.5 } },
        { id: "silent", type: "step-create", timestamp: "2026-11-01T00:00:00Z", body: { ...llm, id: "silent", input: { messages: [{ role: "user", content: "Hello there, agent" }] } } },
        { id: "unknown-model", type: "step-create", timestamp: "2026-11-01T00:00:00Z", body: { ...llm, id: "unknown-model", model: "mystery", usage: { input: 10, output: 1 } } },
      ],
    });
    const { steps, trace } = await readRun(projectId, "t");
    const step = (id: string) => steps.find((candidate) => candidate.id === id)!;
    expect(step("reported")).toMatchObject({ providedCost: null, calculatedCost: 1000e-6 + 100 * 2e-6, usageEstimated: false });
    expect(step("provided")).toMatchObject({ providedCost: 0.5, calculatedCost: null });
    expect(step("silent").usageEstimated).toBe(true);
    expect(step("silent").inputTokens).toBeGreaterThan(0);
    expect(step("silent").calculatedCost).toBeGreaterThan(0);
    expect(step("unknown-model").calculatedCost).toBeNull();
    expect(trace.totalCost).toBeCloseTo(0.5 + 1000e-6 + 100 * 2e-6 + step("silent").calculatedCost!, 12);
  });

  it("keeps projects apart", async () => {
    const first = await newProject("isolated-a");
    const second = await newProject("isolated-b");
    await ingestEvents(deps, { projectId: first, rawEvents: recordedRunToEvents(stormRun) });
    const again = await ingestEvents(deps, { projectId: second, rawEvents: recordedRunToEvents(stormRun) });
    // The same event ids in another project are new there, not duplicates.
    expect(again.applied).toBe(again.results.length);
    expect((await readRun(second, stormRun.trace.id)).trace.stepCount).toBe(stormRun.steps.length);
  });
});
