import { storeRecordedRun } from "@loupe/ingestion";
import { createTestDatabase, type TestDatabase } from "@loupe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRun, createProjectOwner } from "./support/seed.ts";

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
