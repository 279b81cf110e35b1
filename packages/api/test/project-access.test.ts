import { randomUUID } from "node:crypto";
import { storeRecordedRun } from "@loupe/ingestion";
import { createTestDatabase, type TestDatabase } from "@loupe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildRun,
  callAs,
  catchTrpcError,
  createProjectOwner,
  createUser,
} from "./support/seed.ts";

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});

afterAll(async () => {
  await testDb.drop();
});

describe("project access", () => {
  it("lists only the projects the user is a member of", async () => {
    const alice = await createProjectOwner(testDb.db);
    await createProjectOwner(testDb.db);

    const projects = await alice.caller.project.list();

    expect(projects).toEqual([expect.objectContaining({ id: alice.project.id, role: "owner" })]);
  });

  it("refuses every project procedure to a user who is not a member", async () => {
    const owner = await createProjectOwner(testDb.db);
    const traceId = `trace-${randomUUID()}`;
    await storeRecordedRun(testDb.pool, {
      projectId: owner.project.id,
      run: buildRun({ traceId, startTime: new Date() }),
    });
    const stranger = callAs(testDb.db, await createUser(testDb.db));
    const projectId = owner.project.id;

    const attempts = [
      stranger.trace.list({ projectId }),
      stranger.trace.byId({ projectId, traceId }),
      stranger.trace.steps({ projectId, traceId }),
      stranger.session.list({ projectId }),
      stranger.apiKey.list({ projectId }),
      stranger.apiKey.create({ projectId, name: "sneaky" }),
    ];
    for (const attempt of attempts) {
      await expect(attempt).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await testDb.db.apiKey.count({ where: { projectId } })).toBe(0);
  });

  it("refuses a project that does not exist the same way as someone else's", async () => {
    const { caller } = await createProjectOwner(testDb.db);

    await expect(caller.trace.list({ projectId: randomUUID() })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "You do not have access to this project.",
    });
  });

  it("rejects a malformed project id with BAD_REQUEST naming the field", async () => {
    const { caller } = await createProjectOwner(testDb.db);

    const error = await catchTrpcError(caller.trace.list({ projectId: "not-a-uuid" }));

    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/^projectId: /);
  });

  it("requires a user", async () => {
    const anonymous = callAs(testDb.db, null);

    await expect(anonymous.project.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
