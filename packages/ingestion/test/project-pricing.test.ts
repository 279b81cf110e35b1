import { ensureLocalAdmin, ensureProject, listTraceSteps, type SqlPool } from "@loupe/db";
import { createTestDatabase, type TestDatabase } from "@loupe/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { KnownContent, createProjectPricing, ingestEvents } from "../src/index.ts";

let database: TestDatabase;
let pool: SqlPool;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = database.pool;
});
afterAll(() => database.drop());

it("prices from the table, lets a project's override win, and estimates tokens a sender left out", async () => {
  const admin = await ensureLocalAdmin(database.db);
  const project = await ensureProject(database.db, { slug: "pricing", name: "Pricing", ownerId: admin.id });
  await database.db.project.update({
    where: { id: project.id },
    data: { settings: { priceOverrides: [{ modelPattern: "^in-house-", inputPerMillion: 1, outputPerMillion: 2 }] } },
  });
  const deps = { pool, knownContent: new KnownContent(), ...createProjectPricing(pool) };
  const step = (id: string, model: string, extra: object) => ({
    id,
    type: "step-create",
    timestamp: "2026-11-01T00:00:00Z",
    body: { id, traceId: "priced", kind: "llm", name: "chat", provider: "openai", model, startTime: "2026-11-01T00:00:00Z", ...extra },
  });
  await ingestEvents(deps, {
    projectId: project.id,
    rawEvents: [
      step("table", "gpt-4o-mini", { usage: { input: 1_000_000, output: 1_000_000 } }),
      step("override", "in-house-7b", { usage: { input: 1_000_000, output: 1_000_000 } }),
      step("estimated", "gpt-4o-mini", {
        input: { messages: [{ role: "user", content: "Summarise the refund policy in one sentence." }] },
        output: { message: { role: "assistant", content: "Refunds are issued within 30 days of purchase." } },
      }),
    ],
  });
  const { steps } = await listTraceSteps(database.db, { projectId: project.id, traceId: "priced", limit: 10 });
  const byId = new Map(steps.map((stored) => [stored.id, stored]));
  // gpt-4o-mini lists at $0.15 per million input and $0.60 per million output tokens.
  expect(byId.get("table")?.calculatedCost).toBeCloseTo(0.75, 6);
  expect(byId.get("override")?.calculatedCost).toBeCloseTo(3, 9);
  const estimated = byId.get("estimated")!;
  expect(estimated.usageEstimated).toBe(true);
  expect(estimated.inputTokens).toBeGreaterThan(8);
  expect(estimated.inputTokens).toBeLessThan(40);
  expect(estimated.outputTokens).toBeGreaterThan(5);
  expect(estimated.calculatedCost).toBeGreaterThan(0);
});
