import { describe, expect, it } from "vitest";
import { buildSteps, findKinds, kindsOf, llmStep } from "../testing/build-steps.ts";

const costs = [0.01, 0.012, 0.011, 0.009, 0.01, 0.013];

describe("spike detectors", () => {
  it("flags an LLM call far above the project's usual cost", () => {
    const steps = buildSteps([llmStep(1_000, { providedCost: 0.011 }), llmStep(1_000, { providedCost: 0.9 })]);
    const findings = findKinds(steps, { history: { llmStepCostUsd: costs } });
    expect(kindsOf(findings)).toEqual(["cost_spike"]);
    expect(findings[0]?.stepIds).toEqual(["s2"]);
  });

  it("flags a run far above recent runs of the same name", () => {
    const steps = buildSteps([llmStep(1_000, { providedCost: 0.6 })]);
    const findings = findKinds(steps, { history: { runs: { costUsd: costs } } });
    expect(findings.map((finding) => finding.groupKey)).toEqual(["cost-spike:run"]);
  });

  it("leaves a pricier model doing the usual amount of work alone, but not one doing far more", () => {
    // The project's calls usually take about 1,000 tokens; after a model upgrade the same work costs
    // fifty times more per call, which is the team's choice rather than a fault.
    const tokens = [1_020, 980, 1_050, 1_000, 990, 1_010];
    const upgraded = buildSteps([llmStep(1_000, { model: "claude-opus-4-1", providedCost: 0.6 })]);
    expect(findKinds(upgraded, { history: { llmStepCostUsd: costs, llmStepTokens: tokens } })).toEqual([]);
    const runLevel = { runs: { costUsd: costs, tokens } };
    expect(findKinds(upgraded, { history: runLevel })).toEqual([]);

    const pasted = buildSteps([llmStep(40_000, { model: "claude-opus-4-1", providedCost: 0.6 })]);
    expect(kindsOf(findKinds(pasted, { history: { llmStepCostUsd: costs, llmStepTokens: tokens } }))).toEqual(["cost_spike"]);
    expect(kindsOf(findKinds(pasted, { history: runLevel }))).toContain("cost_spike");
    // Without a token baseline there is nothing to excuse the cost with.
    expect(kindsOf(findKinds(upgraded, { history: { llmStepCostUsd: costs } }))).toEqual(["cost_spike"]);
  });

  const modelHistory = { steps: { "llm:gpt-4o": { outputTokens: [200, 250, 180, 300, 220], durationMs: [1_500, 2_000, 1_800, 2_500, 2_100] } } };
  const usage = (output: number) => ({ input: 1_000, output, cached: 0, reasoning: 0, estimated: false });

  it("flags a call that wrote far more than the model usually does as a token spike, not as slow", () => {
    const steps = buildSteps([llmStep(1_000, { usage: usage(9_000), endTime: new Date(60_000) })]);
    expect(kindsOf(findKinds(steps, { history: modelHistory }))).toEqual(["token_spike"]);
  });

  it("flags a call that took far longer than its output explains", () => {
    const steps = buildSteps([llmStep(1_000, { usage: usage(600), endTime: new Date(60_000) })]);
    const [finding] = findKinds(steps, { history: modelHistory });
    expect(finding?.kind).toBe("latency_outlier");
    expect(finding?.evidence).toMatchObject({ workload: 600 / 220 });
    expect(finding?.explanation).toMatch(/per usual amount of work \(it did 2\.7 times as much\)/);
  });

  it("flags a slow call with a usual output at its full latency", () => {
    const steps = buildSteps([llmStep(1_000, { usage: usage(210), endTime: new Date(30_000) })]);
    const [finding] = findKinds(steps, { history: modelHistory });
    expect(finding?.kind).toBe("latency_outlier");
    expect(finding?.evidence).toMatchObject({ value: 30_000, workload: 1 });
  });

  it("stays quiet within normal variation, below the minimum, or without a baseline", () => {
    expect(findKinds(buildSteps([llmStep(1_000, { providedCost: 0.014 })]), { history: { llmStepCostUsd: costs } })).toEqual([]);
    expect(findKinds(buildSteps([llmStep(1_000, { providedCost: 0.04 })]), { history: { llmStepCostUsd: costs.map((cost) => cost / 10) } })).toEqual([]);
    expect(findKinds(buildSteps([llmStep(1_000, { providedCost: 5 })]))).toEqual([]);
  });
});

describe("budget-exceeded detector", () => {
  const steps = buildSteps([llmStep(1_000, { providedCost: 0.3 }), llmStep(1_000, { providedCost: 0.4 })]);

  it("flags the per-run budget at the step that crossed it", () => {
    const findings = findKinds(steps, { settings: { budgets: { perRunUsd: 0.5 } } });
    expect(kindsOf(findings)).toEqual(["budget_exceeded"]);
    expect(findings[0]?.stepIds).toEqual(["s2"]);
  });

  it("flags the per-day budget with today's spend", () => {
    const findings = findKinds(steps, { settings: { budgets: { perDayUsd: 10 } }, history: { spentTodayUsd: 9.5 } });
    expect(findings[0]?.evidence).toMatchObject({ scope: "day" });
    expect(findKinds(steps, { settings: { budgets: { perDayUsd: 10 } }, history: { spentTodayUsd: 1 } })).toEqual([]);
  });
});
