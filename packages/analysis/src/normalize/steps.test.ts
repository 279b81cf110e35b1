import { describe, expect, it } from "vitest";
import { buildSteps, llmStep } from "../testing/build-steps.ts";
import { sumTokens, tokensOf } from "./steps.ts";

describe("token counts", () => {
  it("adds what a step read and wrote, and tells a step without usage from one that used none", () => {
    const [call, lookup] = buildSteps([llmStep(1_000), { name: "lookup" }]);
    expect(tokensOf(call!)).toBe(1_020);
    expect(tokensOf(lookup!)).toBeNull();
  });

  it("sums a run's steps, those without usage adding none", () => {
    expect(sumTokens(buildSteps([llmStep(1_000), { name: "lookup" }, llmStep(2_000)]))).toBe(3_040);
    expect(sumTokens([])).toBe(0);
  });
});
