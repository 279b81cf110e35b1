import { describe, expect, it } from "vitest";
import { buildSteps, findKinds, kindsOf, llmStep } from "../testing/build-steps.ts";

describe("context-explosion detector", () => {
  it("flags input tokens growing toward the window", () => {
    const steps = buildSteps([2_000, 20_000, 40_000, 60_000, 80_000, 100_000].map((tokens) => llmStep(tokens)));
    const findings = findKinds(steps);
    expect(kindsOf(findings)).toEqual(["context_explosion"]);
    expect(findings[0]?.evidence).toMatchObject({ peakInputTokens: 100_000, contextWindow: 128_000 });
  });

  it("flags a call rejected for its context length", () => {
    const steps = buildSteps([
      llmStep(1_000),
      llmStep(0, { status: "error", statusMessage: "context_length_exceeded: maximum context length is 128000 tokens" }),
    ]);
    expect(kindsOf(findKinds(steps, { trace: { name: "t", status: "error" } }))).toEqual(["context_explosion"]);
  });

  it("ignores a long conversation that stays small, or a model with a large window", () => {
    const growing = Array.from({ length: 40 }, (_, index) => llmStep(500 + index * 200));
    expect(findKinds(buildSteps(growing))).toEqual([]);
    const big = [20_000, 40_000, 60_000, 80_000, 100_000].map((tokens) => llmStep(tokens, { model: "gpt-4.1" }));
    expect(findKinds(buildSteps(big))).toEqual([]);
  });
});
