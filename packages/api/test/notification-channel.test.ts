import { createTestDatabase, type TestDatabase } from "@loupe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller, createContext } from "../src/index.ts";
import { catchTrpcError, createProjectOwner, testSecrets } from "./support/seed.ts";

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});

afterAll(async () => {
  await testDb.drop();
});

describe("notification channels", () => {
  it.each([
    ["http://169.254.169.254/latest/meta-data/", "169.254.169.254"],
    ["http://2852039166/latest/meta-data/", "169.254.169.254"],
    ["http://[::ffff:169.254.169.254]/", "::ffff:a9fe:a9fe (169.254.169.254)"],
  ])("refuses a channel pointed at the cloud metadata address (%s), naming the url field", async (url, shown) => {
    const { caller, project } = await createProjectOwner(testDb.db);
    const error = await catchTrpcError(
      caller.alert.createChannel({ projectId: project.id, name: "metadata", kind: "webhook", url }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe(
      `url: ${shown} is a link-local address, where cloud metadata services listen; webhooks are never sent there`,
    );
    expect(await caller.alert.channels({ projectId: project.id })).toEqual([]);
  });

  it("accepts a receiver on loopback by default, for self-hosted receivers", async () => {
    const { caller, project } = await createProjectOwner(testDb.db);
    const created = await caller.alert.createChannel({
      projectId: project.id,
      name: "local receiver",
      kind: "webhook",
      url: "http://127.0.0.1:4318/hooks/loupe",
    });
    expect(created.signingSecret).toMatch(/^whsec_/);
    expect(await caller.alert.channels({ projectId: project.id })).toMatchObject([
      { name: "local receiver", url: "http://127.0.0.1:4318/hooks/loupe" },
    ]);
  });

  it("refuses loopback and private receivers when only public networks are allowed", async () => {
    const { user, project } = await createProjectOwner(testDb.db);
    const caller = createCaller(
      createContext({ db: testDb.db, user, secrets: testSecrets, webhookNetworks: "public" }),
    );
    for (const [url, reason] of [
      ["http://127.0.0.1:4318/hooks/loupe", /^url: 127\.0\.0\.1 is a loopback address/],
      ["https://10.0.0.8/hooks", /^url: 10\.0\.0\.8 is a private \(RFC 1918\) address/],
      ["http://localhost:4318/hooks", /^url: localhost resolves only to refused addresses: .*loopback/],
    ] as const) {
      const error = await catchTrpcError(
        caller.alert.createChannel({ projectId: project.id, name: "internal", kind: "slack", url }),
      );
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toMatch(reason);
      expect(error.message).toMatch(/LOUPE_WEBHOOK_NETWORKS=public\)$/);
    }
    expect(await caller.alert.channels({ projectId: project.id })).toEqual([]);
  });
});
