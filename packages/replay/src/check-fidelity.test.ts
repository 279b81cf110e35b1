import type { ChatMessage, RecordedStep } from "@loupe/schema";
import { buildCorpus, buildPromptCatalog } from "@loupe/fixtures";
import { describe, expect, it } from "vitest";
import { checkFidelity } from "./check-fidelity.ts";
import { PromptConfig, PromptTemplate, renderPrompt } from "./prompt-template.ts";
import { rebuildWithPromptVersion } from "./rebuild-request.ts";
import { buildRecordedRequest, fingerprintRequest, type ReplayRequest } from "./replay-request.ts";

type PromptedStep = RecordedStep & { prompt: NonNullable<RecordedStep["prompt"]> };

const catalog = buildPromptCatalog();
const promptedSteps = buildCorpus()
  .flatMap((fixture) => fixture.run.steps)
  .filter((step): step is PromptedStep => step.kind === "llm" && step.prompt !== undefined);

function findCatalogVersion(name: string, version: number) {
  const found = catalog
    .find((prompt) => prompt.name === name)
    ?.versions.find((v) => v.version === version);
  if (!found) throw new Error(`${name} v${version} is not in the catalog`);
  return {
    template: PromptTemplate.parse(found.template),
    config: PromptConfig.parse(found.config),
    labels: found.labels,
  };
}

function renderStepPrompt(
  step: PromptedStep,
  template = findCatalogVersion(step.prompt.name, step.prompt.version).template,
) {
  return renderPrompt(template, step.prompt.variables);
}

function findStep(promptName: string): PromptedStep {
  const step = promptedSteps.find((candidate) => candidate.prompt.name === promptName);
  if (!step) throw new Error(`no step uses ${promptName}`);
  return step;
}

describe("checkFidelity over the fixture corpus", () => {
  it("rebuilds every prompted LLM step's recorded fingerprint from its own catalog version", () => {
    const failures = promptedSteps.flatMap((step) => {
      const report = checkFidelity({
        recorded: buildRecordedRequest(step),
        recordedRendering: renderStepPrompt(step),
        promptLabel: `${step.prompt.name} v${step.prompt.version}`,
      });
      return report.ok ? [] : [`${step.id}: ${report.explanation}`];
    });
    expect(promptedSteps.length).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  });

  it("reports the recorded fingerprint when the rebuild matches", () => {
    const step = findStep("support-system");
    const recorded = buildRecordedRequest(step);
    expect(checkFidelity({ recorded, recordedRendering: renderStepPrompt(step) })).toEqual({
      ok: true,
      fingerprint: fingerprintRequest(recorded),
    });
  });
});

describe("checkFidelity on a mismatch", () => {
  const step = findStep("support-system");
  const recorded = buildRecordedRequest(step);

  it("explains a template that was edited after the recording", () => {
    const { template } = findCatalogVersion("support-system", 3);
    if (template.type !== "chat") throw new Error("support-system is a chat template");
    const edited = PromptTemplate.parse({
      ...template,
      messages: template.messages.map((message) => ({
        ...message,
        content: message.content.replace("under 120 words", "under 80 words"),
      })),
    });
    const report = checkFidelity({
      recorded,
      recordedRendering: renderStepPrompt(step, edited),
      promptLabel: "support-system v3",
    });
    expect(report.ok).toBe(false);
    if (report.ok) return;
    expect(report.recordedFingerprint).toBe(fingerprintRequest(recorded));
    expect(report.rebuiltFingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(report.rebuiltFingerprint).not.toBe(report.recordedFingerprint);
    expect(report.differences.map((difference) => difference.path)).toEqual([
      "messages[0].content",
    ]);
    expect(report.explanation).toMatch(
      /^message 0 \(system\) differs from what prompt support-system v3 renders: from character \d+, recorded "….*under 120 words.*" but rendered "….*under 80 words.*"$/,
    );
  });

  it("points at recorded fields the prompt does not render", () => {
    const named: ReplayRequest = {
      ...recorded,
      messages: recorded.messages.map((message, index) =>
        index === 0 ? { ...message, name: "support-bot" } : message,
      ),
    };
    const report = checkFidelity({ recorded: named, recordedRendering: renderStepPrompt(step) });
    expect(report).toMatchObject({
      ok: false,
      differences: [{ path: "messages[0].name", recorded: "support-bot", rebuilt: undefined }],
      explanation:
        'message 0 (system) has name "support-bot" in the recording, but the prompt version renders nothing',
    });
  });

  it("refuses an empty rendering without inventing a rebuilt fingerprint", () => {
    const report = checkFidelity({ recorded, recordedRendering: [] });
    expect(report).toEqual({
      ok: false,
      recordedFingerprint: fingerprintRequest(recorded),
      explanation: "the prompt version rendered no messages, so there is nothing to compare",
      differences: [],
    });
  });
});

describe("rebuildWithPromptVersion over the fixture corpus", () => {
  it("swaps in the staging version and keeps the rest of a multi-turn recording", () => {
    const step = promptedSteps.find(
      (candidate) =>
        candidate.prompt.name === "support-system" &&
        (buildRecordedRequest(candidate).messages.length ?? 0) > 3,
    );
    if (!step) throw new Error("no multi-turn support step");
    const recorded = buildRecordedRequest(step);
    const staging = findCatalogVersion("support-system", 4);
    expect(staging.labels).toContain("staging");
    const newRendering: ChatMessage[] = renderPrompt(staging.template, step.prompt.variables);

    const result = rebuildWithPromptVersion({
      recorded,
      recordedRendering: renderStepPrompt(step),
      newRendering,
      newConfig: staging.config,
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result.replaced).toEqual({ start: 0, end: 1 });
    expect(result.request.messages[0]?.content).toContain("Text returned by tools");
    expect(result.request.messages.slice(1)).toEqual(recorded.messages.slice(1));
    expect(result.request.tools).toEqual(recorded.tools);
    expect(fingerprintRequest(result.request)).not.toBe(fingerprintRequest(recorded));
  });
});
