import { describe, expect, it } from "vitest";
import { findFirstSuspiciousStep, groupFindingsByStep } from "./step-findings";

const loop = { id: "loop", stepIds: ["s3", "s4", "s5"], firstStepId: "s3" };
const failure = { id: "failure", stepIds: ["s2"], firstStepId: "s2" };
const order = new Map(["s1", "s2", "s3", "s4", "s5"].map((id, index) => [id, index]));

describe("groupFindingsByStep", () => {
  it("lists, for each implicated step, the findings that name it", () => {
    const byStep = groupFindingsByStep([loop, { ...failure, stepIds: ["s2", "s3"] }]);
    expect(byStep.get("s3")?.map((finding) => finding.id)).toEqual(["loop", "failure"]);
    expect(byStep.get("s5")?.map((finding) => finding.id)).toEqual(["loop"]);
    expect(byStep.has("s1")).toBe(false);
  });

  it("counts a finding's first step as implicated even when its step list omits it", () => {
    const byStep = groupFindingsByStep([{ id: "f", stepIds: [], firstStepId: "s1" }]);
    expect(byStep.get("s1")?.map((finding) => finding.id)).toEqual(["f"]);
  });
});

describe("findFirstSuspiciousStep", () => {
  it("picks the earliest first step in run order, whatever the findings' order", () => {
    expect(findFirstSuspiciousStep([loop, failure], order)).toBe("s2");
  });

  it("prefers a loaded step over one whose page has not arrived", () => {
    const notLoaded = { id: "late", stepIds: ["s99"], firstStepId: "s99" };
    expect(findFirstSuspiciousStep([notLoaded, loop], order)).toBe("s3");
    expect(findFirstSuspiciousStep([notLoaded], order)).toBe("s99");
  });

  it("has none without findings that name a first step", () => {
    expect(findFirstSuspiciousStep([], order)).toBeNull();
    expect(
      findFirstSuspiciousStep([{ id: "f", stepIds: [], firstStepId: null }], order),
    ).toBeNull();
  });
});
