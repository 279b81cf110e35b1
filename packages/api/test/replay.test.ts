import { createTestDatabase, type TestDatabase } from "@loupe/db/testing";
import { buildCorpus, buildPromptCatalog } from "@loupe/fixtures";
import { storeRecordedRun } from "@loupe/ingestion";
import { startFakeProvider, type FakeProvider } from "@loupe/replay/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importPrompts } from "../src/index.ts";
import { catchTrpcError, createProjectOwner } from "./support/seed.ts";

let testDb: TestDatabase;
let provider: FakeProvider;
const corpus = buildCorpus();
const fixture = (slug: string) => corpus.find((candidate) => candidate.slug === slug)!.run;

beforeAll(async () => {
  testDb = await createTestDatabase();
  provider = await startFakeProvider();
});
afterAll(async () => {
  await provider.close();
  await testDb.drop();
});

/** A project holding one recorded run, the prompt catalog, and a key for the fake OpenAI server. */
async function projectWithRun(slug: string) {
  const owner = await createProjectOwner(testDb.db);
  const run = fixture(slug);
  await storeRecordedRun(testDb.pool, { projectId: owner.project.id, run });
  await importPrompts({ db: testDb.db, projectId: owner.project.id, prompts: buildPromptCatalog() });
  await owner.caller.providerCredential.create({
    projectId: owner.project.id,
    name: "fake openai",
    kind: "openai",
    baseUrl: `${provider.url}/v1`,
    apiKey: "sk-test-123456",
  });
  const llmStep = run.steps.find((step) => step.kind === "llm" && step.prompt)!;
  return { ...owner, projectId: owner.project.id, run, llmStep };
}

describe("replay", () => {
  it("previews the recorded request with a passing fidelity check, then with another version swapped in", async () => {
    const { caller, projectId, run, llmStep } = await projectWithRun("retry-storm-crm-auth");
    const recorded = await caller.replay.preview({ projectId, traceId: run.trace.id, stepId: llmStep.id });
    expect(recorded.fidelity.ok).toBe(true);
    expect(recorded.promptVersion).toBe(llmStep.prompt!.version);
    expect(recorded.request.messages).toHaveLength((llmStep.input as { messages: unknown[] }).messages.length);

    const versions = await caller.prompt.byName({ projectId, name: llmStep.prompt!.name });
    const newer = versions.versions.find((version) => version.version > llmStep.prompt!.version)!;
    const candidate = await caller.replay.preview({ projectId, traceId: run.trace.id, stepId: llmStep.id, promptVersion: newer.version });
    expect(candidate.fingerprint).not.toBe(recorded.fingerprint);
    expect(candidate.replaced).toEqual({ start: 0, end: 1 });
    // Everything but the prompt's own messages is kept from the recording.
    expect(candidate.request.messages.slice(1)).toEqual(recorded.request.messages.slice(1));
    expect(candidate.request.model).toBe(recorded.request.model);
    expect(candidate.temperature).toBe(recorded.temperature);
  });

  it("runs a replay, stores request, response, tokens and comparison, and answers a repeat from the cache", async () => {
    const { caller, projectId, run, llmStep } = await projectWithRun("repeated-web-search");
    const versions = await caller.prompt.byName({ projectId, name: llmStep.prompt!.name });
    const newer = versions.versions.find((version) => version.version > llmStep.prompt!.version)!;
    const before = provider.requests.length;

    const first = await caller.replay.run({
      projectId,
      traceId: run.trace.id,
      stepId: llmStep.id,
      promptVersion: newer.version,
      validators: [{ type: "regex", pattern: "Replayed" }, { type: "must_call_tool", tool: "web_search" }],
    });
    expect(first.status).toBe("succeeded");
    expect(first.cacheHit).toBe(false);
    expect(first.inputTokens).toBeGreaterThan(0);
    expect(first.comparison).toMatchObject({ output: { changed: true } });
    expect(first.validation).toEqual([
      expect.objectContaining({ passed: true }),
      expect.objectContaining({ passed: false }),
    ]);
    expect(provider.requests.length).toBe(before + 1);
    const sent = provider.requests.at(-1)!.body as { temperature: number; seed: number; messages: { content: string }[] };
    expect(sent.temperature).toBe(first.temperature);
    expect(sent.seed).toBe(first.seed);

    const again = await caller.replay.run({ projectId, traceId: run.trace.id, stepId: llmStep.id, promptVersion: newer.version, validators: [] });
    expect(again).toMatchObject({ status: "succeeded", cacheHit: true, cost: 0, fingerprint: first.fingerprint });
    expect(again.response).toEqual(first.response);
    expect(provider.requests.length).toBe(before + 1);
    expect(await caller.replay.forStep({ projectId, traceId: run.trace.id, stepId: llmStep.id })).toHaveLength(2);
  });

  it("retries a rate limit, and records a provider error that persists as a failed replay", async () => {
    const { caller, projectId, run, llmStep } = await projectWithRun("email-fanout-all-customers");
    provider.failNext(429, 1);
    const retried = await caller.replay.run({ projectId, traceId: run.trace.id, stepId: llmStep.id, validators: [] });
    expect(retried).toMatchObject({ status: "succeeded", attempts: 2 });

    const versions = await caller.prompt.byName({ projectId, name: llmStep.prompt!.name });
    const newer = versions.versions.find((version) => version.version > llmStep.prompt!.version)!;
    provider.failNext(400, 1);
    const refused = await caller.replay.run({ projectId, traceId: run.trace.id, stepId: llmStep.id, promptVersion: newer.version, validators: [] });
    expect(refused.status).toBe("failed");
    expect(refused.error).toMatch(/400/);
  });

  it("refuses a step that is not an LLM call, and a replay without a provider key, naming the field", async () => {
    const owner = await createProjectOwner(testDb.db);
    const run = fixture("repeated-web-search");
    await storeRecordedRun(testDb.pool, { projectId: owner.project.id, run });
    const tool = run.steps.find((step) => step.kind === "tool")!;
    const notLlm = await catchTrpcError(owner.caller.replay.preview({ projectId: owner.project.id, traceId: run.trace.id, stepId: tool.id }));
    expect(notLlm.message).toMatch(/^stepId: only LLM steps/);
    const llm = run.steps.find((step) => step.kind === "llm")!;
    const noKey = await catchTrpcError(owner.caller.replay.run({ projectId: owner.project.id, traceId: run.trace.id, stepId: llm.id, validators: [] }));
    expect(noKey.code).toBe("BAD_REQUEST");
    expect(noKey.message).toMatch(/^credentialId: add an OpenAI-compatible provider key/);
  });

  it("keeps provider keys encrypted and shows only their hint", async () => {
    const { caller, projectId } = await projectWithRun("healthy-support-order-status");
    const [credential] = await caller.providerCredential.list({ projectId });
    expect(credential).toMatchObject({ apiKeyHint: "…3456" });
    expect(credential).not.toHaveProperty("encryptedApiKey");
    const stored = await testDb.db.providerCredential.findUniqueOrThrow({ where: { id: credential!.id } });
    expect(stored.encryptedApiKey).not.toContain("sk-test");
  });
});

describe("batch replay", () => {
  it("replays a version over the prompt's recorded steps with a concurrency limit, and stops at the cost cap", async () => {
    const { caller, projectId, llmStep } = await projectWithRun("repeated-web-search");
    const name = llmStep.prompt!.name;
    const versions = await caller.prompt.byName({ projectId, name });
    const newer = versions.versions.find((version) => version.version > llmStep.prompt!.version)!;
    const batch = await caller.replay.startBatch({
      projectId,
      promptName: name,
      promptVersion: newer.version,
      selection: { recordedVersion: llmStep.prompt!.version, limit: 50 },
      concurrency: 2,
      validators: [],
    });
    expect(batch.total).toBeGreaterThan(1);
    await expect
      .poll(async () => (await caller.replay.batch({ projectId, batchId: batch.id })).status, { timeout: 20_000 })
      .toBe("succeeded");
    const finished = await caller.replay.batch({ projectId, batchId: batch.id });
    expect(finished.completed).toBe(batch.total);
    expect(finished.changed + finished.unchanged + finished.failed).toBe(batch.total);
    expect(finished.replays).toHaveLength(batch.total);

    const capped = await caller.replay.startBatch({
      projectId,
      promptName: name,
      promptVersion: llmStep.prompt!.version,
      selection: { recordedVersion: llmStep.prompt!.version, limit: 50 },
      concurrency: 1,
      costCap: 0.000001,
      validators: [],
    });
    await expect
      .poll(async () => (await caller.replay.batch({ projectId, batchId: capped.id })).status, { timeout: 20_000 })
      .toBe("stopped_at_cost_cap");
    expect((await caller.replay.batch({ projectId, batchId: capped.id })).completed).toBeLessThan(capped.total);
  });

  it("saves steps into a dataset and replays the dataset", async () => {
    const { caller, projectId, run, llmStep } = await projectWithRun("retry-storm-crm-auth");
    const saved = await caller.replay.saveToDataset({ projectId, traceId: run.trace.id, stepId: llmStep.id, datasetName: "auth regressions" });
    expect(saved.itemCount).toBe(1);
    await caller.replay.saveToDataset({ projectId, traceId: run.trace.id, stepId: llmStep.id, datasetName: "auth regressions" });
    const [dataset] = await caller.replay.datasets({ projectId });
    expect(dataset).toMatchObject({ name: "auth regressions", itemCount: 1 });
    const batch = await caller.replay.startBatch({
      projectId,
      promptName: llmStep.prompt!.name,
      promptVersion: llmStep.prompt!.version,
      selection: { datasetId: dataset!.id, limit: 50 },
      concurrency: 1,
      validators: [],
    });
    expect(batch.total).toBe(1);
    await expect
      .poll(async () => (await caller.replay.batch({ projectId, batchId: batch.id })).status, { timeout: 20_000 })
      .toBe("succeeded");
  });
});
