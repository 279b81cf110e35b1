import { findActiveApiKey } from "@loupe/db";
import { createTestDatabase, type TestDatabase } from "@loupe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catchTrpcError, createProjectOwner } from "./support/seed.ts";

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});

afterAll(async () => {
  await testDb.drop();
});

describe("API keys", () => {
  it("creates a key, lists it by its hint without the secret, and revokes it", async () => {
    const { caller, project } = await createProjectOwner(testDb.db);
    const projectId = project.id;

    const created = await caller.apiKey.create({ projectId, name: "  production  " });
    expect(created.secret).toMatch(/^sk-lp-/);
    expect(created.name).toBe("production");
    expect((await findActiveApiKey(testDb.db, created.secret))?.projectId ?? null).toBe(projectId);

    const listed = await caller.apiKey.list({ projectId });
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      id: created.id,
      name: "production",
      publicKey: created.publicKey,
      secretHint: created.secret.slice(-4),
      // Authenticating with it above marked it used.
      lastUsedAt: expect.any(Date),
      revokedAt: null,
    });
    expect(Object.keys(listed[0] ?? {}).sort()).toEqual([
      "createdAt",
      "id",
      "lastUsedAt",
      "name",
      "publicKey",
      "revokedAt",
      "secretHint",
    ]);
    expect(JSON.stringify(listed)).not.toContain(created.secret);

    await caller.apiKey.revoke({ projectId, apiKeyId: created.id });

    const [revoked] = await caller.apiKey.list({ projectId });
    expect(revoked?.revokedAt).toBeInstanceOf(Date);
    expect((await findActiveApiKey(testDb.db, created.secret))?.projectId ?? null).toBeNull();
  });

  it("says NOT_FOUND for a key that is already revoked or belongs to another project", async () => {
    const owner = await createProjectOwner(testDb.db);
    const neighbour = await createProjectOwner(testDb.db);
    const theirs = await neighbour.caller.apiKey.create({
      projectId: neighbour.project.id,
      name: "theirs",
    });
    const mine = await owner.caller.apiKey.create({ projectId: owner.project.id, name: "mine" });
    await owner.caller.apiKey.revoke({ projectId: owner.project.id, apiKeyId: mine.id });

    for (const apiKeyId of [theirs.id, mine.id]) {
      await expect(
        owner.caller.apiKey.revoke({ projectId: owner.project.id, apiKeyId }),
      ).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
    expect((await findActiveApiKey(testDb.db, theirs.secret))?.projectId ?? null).toBe(neighbour.project.id);
  });

  it("requires a name", async () => {
    const { caller, project } = await createProjectOwner(testDb.db);

    const error = await catchTrpcError(
      caller.apiKey.create({ projectId: project.id, name: "   " }),
    );

    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/^name: /);
  });
});
