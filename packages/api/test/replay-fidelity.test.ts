import { createTestDatabase, type TestDatabase } from "@loupe/db/testing";
import { buildCorpus, buildPromptCatalog } from "@loupe/fixtures";
import { storeRecordedRun } from "@loupe/ingestion";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importPrompts } from "../src/index.ts";
import { createProjectOwner } from "./support/seed.ts";

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

describe("replay fidelity on the stored corpus", () => {
  it("rebuilds the recorded request of every stored LLM step that names its prompt version", async () => {
    const { caller, project } = await createProjectOwner(testDb.db);
    const corpus = buildCorpus();
    for (const { run } of corpus) await storeRecordedRun(testDb.pool, { projectId: project.id, run });
    await importPrompts({ db: testDb.db, projectId: project.id, prompts: buildPromptCatalog() });

    const steps = corpus.flatMap(({ run }) =>
      run.steps.filter((step) => step.kind === "llm" && step.prompt).map((step) => ({ traceId: run.trace.id, stepId: step.id })),
    );
    expect(steps.length).toBeGreaterThan(100);
    const mismatches: string[] = [];
    for (const step of steps) {
      // Read back from storage: content-addressed payloads and message chains must give the exact request.
      const plan = await caller.replay.preview({ projectId: project.id, ...step });
      if (!plan.fidelity.ok) mismatches.push(`${step.stepId}: ${plan.fidelity.explanation}`);
    }
    expect(mismatches).toEqual([]);
  });
});
