import { buildCorpus } from "@loupe/fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureLocalAdmin, ensureProject, findTraceById, listTraceSteps, type SqlPool } from "@loupe/db";
import { createTestDatabase, type TestDatabase } from "@loupe/db/testing";
import { storeRecordedRun } from "../src/index.ts";

const corpus = buildCorpus();
let database: TestDatabase;
let pool: SqlPool;
let projectId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = database.pool;
  const admin = await ensureLocalAdmin(database.db);
  projectId = (await ensureProject(database.db, { slug: "corpus", name: "Corpus", ownerId: admin.id })).id;
  for (const fixture of corpus) await storeRecordedRun(pool, { projectId, run: fixture.run });
});
afterAll(() => database.drop());

describe("the fixture corpus in the database", () => {
  it.each(corpus.map((fixture) => [fixture.slug, fixture] as const))("%s reads back exactly", async (_slug, fixture) => {
    const { run } = fixture;
    const stored: Awaited<ReturnType<typeof listTraceSteps>>["steps"] = [];
    let cursor: Parameters<typeof listTraceSteps>[1]["cursor"];
    do {
      const page = await listTraceSteps(database.db, { projectId, traceId: run.trace.id, limit: 500, cursor });
      stored.push(...page.steps);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    const byId = new Map(stored.map((step) => [step.id, step]));
    expect(byId.size).toBe(run.steps.length);
    for (const step of run.steps) {
      const found = byId.get(step.id);
      expect(found?.input, `input of ${step.id}`).toEqual(step.input);
      expect(found?.output, `output of ${step.id}`).toEqual(step.output);
      expect(found?.parentId).toBe(step.parentId);
    }

    for (const step of run.steps) {
      const found = byId.get(step.id)!;
      // Reported figures are kept as sent; Loupe's own estimates and prices only fill the gaps.
      if (step.usage) expect([found.inputTokens, found.outputTokens, found.usageEstimated]).toEqual([step.usage.input, step.usage.output, false]);
      if (step.providedCost !== undefined) expect(found.providedCost).toBe(step.providedCost);
      if (step.providedCost !== undefined) expect(found.calculatedCost).toBeNull();
    }

    const trace = await findTraceById(database.db, { projectId, traceId: run.trace.id });
    const sum = (pick: (step: (typeof stored)[number]) => number | null) =>
      stored.reduce((total, step) => total + (pick(step) ?? 0), 0);
    expect(trace?.stepCount).toBe(run.steps.length);
    expect(trace?.errorCount).toBe(run.steps.filter((step) => step.status === "error").length);
    expect(Number(trace?.inputTokens)).toBe(sum((step) => step.inputTokens));
    expect(trace?.totalCost).toBeCloseTo(sum((step) => step.providedCost ?? step.calculatedCost), 9);
    expect(trace?.status).toBe(run.trace.status);
  });
});
