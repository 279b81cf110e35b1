import { describe, expect, it } from "vitest";
import { buildSteps, findKinds, kindsOf, llmStep } from "../testing/build-steps.ts";

const turns = (count: number) =>
  buildSteps(Array.from({ length: count }, (_, index) => llmStep(1_000, { input: { turn: index }, output: { turn: index } })));

describe("step-runaway detector", () => {
  it("flags more LLM calls than the configured maximum", () => {
    expect(kindsOf(findKinds(turns(120)))).toEqual(["step_runaway"]);
  });

  it("flags far more LLM calls than recent runs of the same name", () => {
    const history = { runs: { llmCalls: [4, 5, 6, 5, 4, 5] } };
    const findings = findKinds(turns(40), { history });
    expect(kindsOf(findings)).toEqual(["step_runaway"]);
    expect(findings[0]?.firstStepId).not.toBeNull();
  });

  it("ignores a long run that is normal for its name", () => {
    expect(findKinds(turns(60), { history: { runs: { llmCalls: [50, 60, 55, 70, 58] } } })).toEqual([]);
  });
});
