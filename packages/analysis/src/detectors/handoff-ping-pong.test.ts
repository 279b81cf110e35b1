import { describe, expect, it } from "vitest";
import { buildSteps, findKinds, kindsOf } from "../testing/build-steps.ts";

const handoff = (from: string, to: string) => ({
  kind: "handoff" as const,
  name: `transfer_to_${to}`,
  agentName: from,
  attributes: { from_agent: from, to_agent: to },
});

describe("handoff-ping-pong detector", () => {
  it("flags agents bouncing the task back and forth", () => {
    const steps = buildSteps(Array.from({ length: 6 }, (_, index) => (index % 2 ? handoff("billing", "triage") : handoff("triage", "billing"))));
    const findings = findKinds(steps, { trace: { name: "t", status: "error" } });
    expect(kindsOf(findings)).toEqual(["handoff_ping_pong"]);
    expect(findings[0]?.evidence).toMatchObject({ agents: ["billing", "triage"], handoffs: 6 });
  });

  it("ignores a relay through several agents and a single return", () => {
    const relay = buildSteps([handoff("triage", "billing"), handoff("billing", "refunds"), handoff("refunds", "triage"), handoff("triage", "billing")]);
    expect(findKinds(relay)).toEqual([]);
    expect(findKinds(buildSteps([handoff("a", "b"), handoff("b", "a")]))).toEqual([]);
  });
});
