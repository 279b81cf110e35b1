import { createTestDatabase, type TestDatabase } from "@loupe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callAs, catchTrpcError, createProjectOwner, createUser } from "./support/seed.ts";

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb.drop();
});

const inHouse = { modelPattern: "^in-house-", inputPerMillion: 1, outputPerMillion: 2 };

describe("priceOverride", () => {
  it("saves and lists a project's overrides, keeping its other settings", async () => {
    const { project, caller } = await createProjectOwner(testDb.db);
    await testDb.db.project.update({ where: { id: project.id }, data: { settings: { retentionDays: 30 } } });
    expect(await caller.priceOverride.list({ projectId: project.id })).toEqual([]);

    await caller.priceOverride.save({ projectId: project.id, overrides: [inHouse, { model: "gpt-4o", provider: "azure", inputPerMillion: 2, outputPerMillion: 8 }] });
    expect(await caller.priceOverride.list({ projectId: project.id })).toEqual([
      inHouse,
      { model: "gpt-4o", provider: "azure", inputPerMillion: 2, outputPerMillion: 8 },
    ]);
    const stored = await testDb.db.project.findUniqueOrThrow({ where: { id: project.id } });
    expect(stored.settings).toMatchObject({ retentionDays: 30 });
  });

  it("replaces only its own key, even when the stored value no longer parses", async () => {
    const { project, caller } = await createProjectOwner(testDb.db);
    await testDb.db.project.update({
      where: { id: project.id },
      data: { settings: { priceOverrides: "garbage", analysis: { repeatThreshold: 5 } } },
    });
    expect(await caller.priceOverride.list({ projectId: project.id })).toEqual([]);
    await caller.priceOverride.save({ projectId: project.id, overrides: [inHouse] });
    const stored = await testDb.db.project.findUniqueOrThrow({ where: { id: project.id } });
    expect(stored.settings).toEqual({ priceOverrides: [inHouse], analysis: { repeatThreshold: 5 } });
  });

  it("refuses a pattern that does not compile, naming the field", async () => {
    const { project, caller } = await createProjectOwner(testDb.db);
    const error = await catchTrpcError(
      caller.priceOverride.save({ projectId: project.id, overrides: [{ ...inHouse, modelPattern: "([" }] }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/overrides\.0\.modelPattern/);
  });

  it("lets only owners and admins change prices", async () => {
    const { project } = await createProjectOwner(testDb.db);
    const member = await createUser(testDb.db);
    await testDb.db.projectMember.create({ data: { projectId: project.id, userId: member.id, role: "member" } });
    const asMember = callAs(testDb.db, member);
    expect(await asMember.priceOverride.list({ projectId: project.id })).toEqual([]);
    const refused = await catchTrpcError(asMember.priceOverride.save({ projectId: project.id, overrides: [inHouse] }));
    expect(refused.code).toBe("FORBIDDEN");

    const stranger = callAs(testDb.db, await createUser(testDb.db));
    expect((await catchTrpcError(stranger.priceOverride.list({ projectId: project.id }))).code).toBe("FORBIDDEN");
  });
});
