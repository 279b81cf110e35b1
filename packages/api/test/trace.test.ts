import { randomUUID } from "node:crypto";
import { storeRecordedRun } from "@loupe/ingestion";
import { createTestDatabase, type TestDatabase } from "@loupe/db/testing";
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
