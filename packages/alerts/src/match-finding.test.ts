import { describe, expect, it } from "vitest";
import { AlertRuleDefinition } from "./alert-rule.ts";
import { evaluateMetricRule, matchFinding, type FindingSignal } from "./match-finding.ts";

const loopRule = AlertRuleDefinition.parse({
  name: "Agent stuck in a loop",
  type: "finding",
  findingKinds: ["repeated_call", "cycle"],
  severity: "high",
});

const errorRateRule = AlertRuleDefinition.parse({
  name: "Error rate above 20%",
  type: "metric",
  metric: "error_rate",
  threshold: 0.2,
  severity: "high",
});

function buildSignal(overrides: Partial<FindingSignal> = {}): FindingSignal {
  return {
    kind: "repeated_call",
    severity: "high",
    traceId: "trace_1",
    traceName: "checkout-agent",
    environment: "production",
    agentName: "planner",
    explanation: "search_products was called 5 times with the same arguments and result.",
    firstStepId: "step_1",
    ...overrides,
  };
}

describe("matchFinding", () => {
  it("puts two runs of the same agent with the same kind into one alert", () => {
    const first = matchFinding(loopRule, buildSignal({ traceId: "trace_1" }));
    const second = matchFinding(
      loopRule,
      buildSignal({ traceId: "trace_2", explanation: "other" }),
    );
    expect(first).toEqual({
      groupKey: "trace.name=checkout-agent|finding.kind=repeated_call",
      title: "Agent stuck in a loop: checkout-agent (repeated_call)",
    });
    expect(second).toEqual(first);
  });

  it("separates different kinds and different trace names", () => {
    const keys = [
      buildSignal(),
      buildSignal({ kind: "cycle" }),
      buildSignal({ traceName: "refund-agent" }),
    ].map((signal) => matchFinding(loopRule, signal)?.groupKey);
    expect(new Set(keys).size).toBe(3);
  });

  it("ignores fields the rule does not group by", () => {
    const byEnvironment = AlertRuleDefinition.parse({
      name: "Loops",
      type: "finding",
      findingKinds: ["cycle"],
      severity: "high",
      groupBy: ["environment"],
    });
    const staging = matchFinding(
      byEnvironment,
      buildSignal({ kind: "cycle", environment: "staging" }),
    );
    const otherRun = matchFinding(
      byEnvironment,
      buildSignal({ kind: "cycle", environment: "staging", traceName: "refund-agent" }),
    );
    expect(staging).toEqual({ groupKey: "environment=staging", title: "Loops: staging" });
    expect(otherRun).toEqual(staging);
  });

  it("keeps keys distinct when values contain the key's separators", () => {
    const rule = AlertRuleDefinition.parse({
      name: "Loops",
      type: "finding",
      findingKinds: ["cycle"],
      severity: "high",
      groupBy: ["trace.name", "environment"],
    });
    const smuggled = matchFinding(
      rule,
      buildSignal({ kind: "cycle", traceName: "a|environment=b", environment: "c" }),
    );
    const plain = matchFinding(
      rule,
      buildSignal({ kind: "cycle", traceName: "a", environment: "b|environment=c" }),
    );
    expect(smuggled?.groupKey).not.toBe(plain?.groupKey);
  });

  it("groups runs without an agent name together and says so in the title", () => {
    const rule = AlertRuleDefinition.parse({
      name: "Loops",
      type: "finding",
      findingKinds: ["cycle"],
      severity: "high",
      groupBy: ["agent", "finding.kind"],
    });
    expect(matchFinding(rule, buildSignal({ kind: "cycle", agentName: null }))).toEqual({
      groupKey: "agent=|finding.kind=cycle",
      title: "Loops: unknown (cycle)",
    });
    expect(matchFinding(rule, buildSignal({ kind: "cycle", agentName: undefined }))?.groupKey).toBe(
      "agent=|finding.kind=cycle",
    );
  });

  it("makes one alert per rule when the rule groups by nothing", () => {
    const rule = AlertRuleDefinition.parse({
      name: "Any injection",
      type: "finding",
      findingKinds: ["prompt_injection"],
      severity: "high",
      groupBy: [],
    });
    expect(matchFinding(rule, buildSignal({ kind: "prompt_injection" }))).toEqual({
      groupKey: "*",
      title: "Any injection",
    });
  });

  it.each([
    ["the rule is disabled", { ...loopRule, enabled: false }, buildSignal()],
    ["the kind is not in the rule", loopRule, buildSignal({ kind: "retry_storm" })],
    ["the rule is a metric rule", errorRateRule, buildSignal()],
  ])("returns null when %s", (_case, rule, signal) => {
    expect(matchFinding(rule, signal)).toBeNull();
  });
});

describe("evaluateMetricRule", () => {
  it("breaches above the threshold and shows value and threshold in the title", () => {
    expect(evaluateMetricRule(errorRateRule, 0.375)).toEqual({
      breached: true,
      groupKey: "metric=error_rate",
      title: "Error rate above 20%: error rate 37.5% (threshold 20%)",
    });
  });

  it.each([
    ["at the threshold", errorRateRule, 0.2],
    ["below the threshold", errorRateRule, 0.05],
    ["without data", errorRateRule, null],
    ["with a value that is not a number", errorRateRule, Number.NaN],
    ["when the rule is disabled", { ...errorRateRule, enabled: false }, 0.9],
  ])("does not breach %s", (_case, rule, value) => {
    expect(evaluateMetricRule(rule, value)).toMatchObject({
      breached: false,
      groupKey: "metric=error_rate",
    });
  });

  it("says when there is no data", () => {
    expect(evaluateMetricRule(errorRateRule, null).title).toBe(
      "Error rate above 20%: no data for error rate (threshold 20%)",
    );
  });

  it.each([
    ["p95_latency_ms", 60_000, 72_400, "Slow: p95 latency 72.4 s (threshold 60 s)"],
    ["cost_per_hour", 5, 12.3, "Slow: cost per hour $12.30 (threshold $5.00)"],
    ["runs_over_budget", 0, 3, "Slow: runs over budget 3 (threshold 0)"],
  ] as const)("formats %s for people", (metric, threshold, value, title) => {
    const rule = AlertRuleDefinition.parse({
      name: "Slow",
      type: "metric",
      metric,
      threshold,
      severity: "medium",
    });
    expect(evaluateMetricRule(rule, value)).toEqual({
      breached: true,
      groupKey: `metric=${metric}`,
      title,
    });
  });

  it("refuses a finding rule", () => {
    expect(() => evaluateMetricRule(loopRule, 1)).toThrow(/not a metric rule/);
  });
});
