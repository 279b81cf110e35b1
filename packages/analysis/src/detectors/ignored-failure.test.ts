import { describe, expect, it } from "vitest";
import { buildSteps, findKinds, kindsOf, llmStep } from "../testing/build-steps.ts";

describe("ignored-failure detector", () => {
  const failed = { name: "provision_mailbox", status: "error" as const, statusMessage: "503 Service Unavailable" };

  it("flags a failed tool when the run reports success", () => {
    const findings = findKinds(buildSteps([failed, { name: "assign_licenses", output: { ok: true } }, llmStep(100)]));
    expect(kindsOf(findings)).toEqual(["ignored_failure"]);
    expect(findings[0]?.stepIds).toEqual(["s1"]);
  });

  it("flags errors in disguise", () => {
    const steps = buildSteps([{ name: "charge_card", output: { http_status: 402, message: "declined" } }, llmStep(100)]);
    expect(kindsOf(findKinds(steps))).toEqual(["ignored_failure"]);
    const empty = buildSteps([{ name: "search_docs", output: { results: [] } }, llmStep(100)]);
    expect(kindsOf(findKinds(empty))).toEqual(["ignored_failure"]);
  });

  it("flags a run in progress that carries on after a failure", () => {
    const steps = buildSteps([failed, { name: "assign_licenses", output: { ok: true } }]);
    expect(kindsOf(findKinds(steps, { trace: { name: "t", status: "running" } }))).toEqual(["ignored_failure"]);
    expect(findKinds(steps.slice(0, 1), { trace: { name: "t", status: "running" } })).toEqual([]);
  });

  it("ignores a failure that a retry fixed, or that the run reported", () => {
    const retried = buildSteps([failed, { name: "provision_mailbox", output: { mailbox: "m1" } }]);
    expect(findKinds(retried)).toEqual([]);
    expect(findKinds(buildSteps([failed]), { trace: { name: "t", status: "error" } })).toEqual([]);
  });
});
