import { describe, expect, it } from "vitest";
import { buildSteps, findKinds, kindsOf } from "../testing/build-steps.ts";
import { compileNamePatterns } from "./side-effect-fanout.ts";

const email = (to: string) => ({ name: "send_email", input: { to }, output: { status: "queued" } });

describe("side-effect-fanout detector", () => {
  it("flags a side-effecting tool called more than the limit", () => {
    const steps = buildSteps(Array.from({ length: 50 }, (_, index) => email(`user${index}@example.com`)));
    const findings = findKinds(steps);
    expect(kindsOf(findings)).toEqual(["side_effect_fanout"]);
    expect(findings[0]?.evidence).toMatchObject({ tool: "send_email", callsInRun: 50 });
  });

  it("ignores an email to three recipients", () => {
    expect(findKinds(buildSteps(["a", "b", "c"].map((name) => email(`${name}@example.com`))))).toEqual([]);
  });

  it("flags the rate across runs and honours custom patterns", () => {
    const history = { sideEffectCallsInWindow: { send_email: 199 } };
    expect(kindsOf(findKinds(buildSteps([email("a"), email("b")]), { history }))).toEqual(["side_effect_fanout"]);
    const settings = { sideEffectPatterns: ["refund_*"], sideEffectMaxPerRun: 1 };
    expect(findKinds(buildSteps([email("a"), email("b")]), { settings })).toEqual([]);
  });

  it("compiles globs without treating other characters as regex", () => {
    const pattern = compileNamePatterns(["send_*", "db.delete"]);
    expect(pattern.test("send_sms")).toBe(true);
    expect(pattern.test("resend_sms")).toBe(false);
    expect(pattern.test("dbxdelete")).toBe(false);
  });
});
