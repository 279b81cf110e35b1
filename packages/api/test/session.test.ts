import { storeRecordedRun } from "@loupe/ingestion";
import { createTestDatabase, type TestDatabase } from "@loupe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRun, catchTrpcError, createProjectOwner } from "./support/seed.ts";

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});

afterAll(async () => {
  await testDb.drop();
});

describe("session.list", () => {
  it("summarises each session's runs, newest session first", async () => {
    const owner = await createProjectOwner(testDb.db);
    const projectId = owner.project.id;
    const runs = [
      { traceId: "a-1", sessionId: "older", startTime: new Date("2025-03-01T10:00:00Z") },
      { traceId: "a-2", sessionId: "older", startTime: new Date("2025-03-01T11:00:00Z") },
      { traceId: "b-1", sessionId: "newer", startTime: new Date("2025-03-02T09:00:00Z") },
      { traceId: "no-session", startTime: new Date("2025-03-03T09:00:00Z") },
    ];
    for (const run of runs) await storeRecordedRun(testDb.pool, { projectId, run: buildRun(run) });

    const { sessions, nextCursor } = await owner.caller.session.list({ projectId });

    expect(sessions).toEqual([
      expect.objectContaining({
        id: "newer",
        traceCount: 1,
        firstSeenAt: new Date("2025-03-02T09:00:00Z"),
      }),
      expect.objectContaining({
        id: "older",
        userId: "customer-1",
        traceCount: 2,
        firstSeenAt: new Date("2025-03-01T10:00:00Z"),
        lastSeenAt: new Date("2025-03-01T11:00:01.500Z"),
      }),
    ]);
    expect(sessions[1]?.totalCost).toBeCloseTo(0.0008);
    expect(nextCursor).toBeNull();
  });

  it("pages with a cursor", async () => {
    const owner = await createProjectOwner(testDb.db);
    const projectId = owner.project.id;
    for (const [index, sessionId] of ["s-1", "s-2", "s-3"].entries()) {
      const startTime = new Date(Date.parse("2025-03-01T10:00:00Z") + index * 60_000);
      await storeRecordedRun(testDb.pool, {
        projectId,
        run: buildRun({ traceId: `t-${sessionId}`, sessionId, startTime }),
      });
    }

    const first = await owner.caller.session.list({ projectId, limit: 2 });
    const second = await owner.caller.session.list({
      projectId,
      limit: 2,
      cursor: first.nextCursor,
    });

    expect(first.sessions.map((session) => session.id)).toEqual(["s-3", "s-2"]);
    expect(second.sessions.map((session) => session.id)).toEqual(["s-1"]);
    expect(second.nextCursor).toBeNull();
  });
});

describe("session.conversation", () => {
  it("reads a session's runs in time order with what each was asked and answered", async () => {
    const owner = await createProjectOwner(testDb.db);
    const projectId = owner.project.id;
    // Stored out of order: the conversation follows start times, not arrival.
    for (const run of [
      { traceId: "turn-2", sessionId: "chat", startTime: new Date("2025-04-01T10:05:00Z") },
      { traceId: "turn-1", sessionId: "chat", startTime: new Date("2025-04-01T10:00:00Z") },
      { traceId: "elsewhere", sessionId: "other", startTime: new Date("2025-04-01T10:02:00Z") },
    ]) {
      await storeRecordedRun(testDb.pool, { projectId, run: buildRun(run) });
    }

    const conversation = await owner.caller.session.conversation({ projectId, sessionId: "chat" });
    expect(conversation.runs.map((run) => run.id)).toEqual(["turn-1", "turn-2"]);
    expect(conversation.runs[0]).toMatchObject({ input: { question: "Where is my order?" }, output: { answer: "It ships tomorrow." } });
  });

  it("answers an unknown session with not found", async () => {
    const owner = await createProjectOwner(testDb.db);
    const error = await catchTrpcError(owner.caller.session.conversation({ projectId: owner.project.id, sessionId: "nope" }));
    expect(error.code).toBe("NOT_FOUND");
  });
});
