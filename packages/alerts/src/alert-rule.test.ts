import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AlertRuleDefinition } from "./alert-rule.ts";
import { defaultAlertRules } from "./default-alert-rules.ts";

const findingRule = { name: "Loops", type: "finding", findingKinds: ["cycle"], severity: "high" };
const metricRule = {
  name: "Errors",
  type: "metric",
  metric: "error_rate",
  threshold: 0.2,
  severity: "high",
};

describe("AlertRuleDefinition", () => {
  it.each([
    ["a finding rule without kinds", { ...findingRule, findingKinds: [] }, ["findingKinds"]],
    [
      "a finding rule with kinds omitted",
      { name: "Loops", type: "finding", severity: "high" },
      ["findingKinds"],
    ],
    ["an unknown finding kind", { ...findingRule, findingKinds: ["loop"] }, ["findingKinds", 0]],
    ["a metric rule without a metric", { ...metricRule, metric: undefined }, ["metric"]],
    ["a metric rule without a threshold", { ...metricRule, threshold: undefined }, ["threshold"]],
    ["an error rate threshold given in percent", { ...metricRule, threshold: 20 }, ["threshold"]],
    [
      "a negative threshold",
      { ...metricRule, metric: "cost_per_hour", threshold: -1 },
      ["threshold"],
    ],
    ["an empty name", { ...findingRule, name: "   " }, ["name"]],
    ["a name over 120 characters", { ...findingRule, name: "x".repeat(121) }, ["name"]],
    ["a window under a minute", { ...findingRule, windowSeconds: 59 }, ["windowSeconds"]],
    ["a window over a day", { ...findingRule, windowSeconds: 86_401 }, ["windowSeconds"]],
    ["a fractional cooldown", { ...findingRule, cooldownSeconds: 1.5 }, ["cooldownSeconds"]],
    ["a cooldown over a week", { ...findingRule, cooldownSeconds: 604_801 }, ["cooldownSeconds"]],
    ["an unknown severity", { ...findingRule, severity: "urgent" }, ["severity"]],
    ["an unknown group field", { ...findingRule, groupBy: ["trace.id"] }, ["groupBy", 0]],
    ["an unknown rule type", { ...findingRule, type: "schedule" }, ["type"]],
  ])("rejects %s and names the field", (_case, input, path) => {
    const result = AlertRuleDefinition.safeParse(input);
    if (result.success) throw new Error("expected the rule to be rejected");
    expect(result.error.issues.map((issue) => issue.path)).toEqual([path]);
    expect(z.prettifyError(result.error)).toContain(`at ${String(path[0])}`);
  });

  it("fills in defaults for a finding rule, grouping by trace name and kind", () => {
    expect(AlertRuleDefinition.parse(findingRule)).toEqual({
      ...findingRule,
      windowSeconds: 3_600,
      groupBy: ["trace.name", "finding.kind"],
      cooldownSeconds: 900,
      enabled: true,
    });
  });

  it("groups a metric rule by nothing", () => {
    expect(AlertRuleDefinition.parse(metricRule)).toMatchObject({ groupBy: [], findingKinds: [] });
  });

  it("keeps an explicit grouping, even an empty one", () => {
    expect(AlertRuleDefinition.parse({ ...findingRule, groupBy: ["environment"] }).groupBy).toEqual(
      ["environment"],
    );
    expect(AlertRuleDefinition.parse({ ...findingRule, groupBy: [] }).groupBy).toEqual([]);
  });

  it("trims the name", () => {
    expect(AlertRuleDefinition.parse({ ...findingRule, name: "  Loops  " }).name).toBe("Loops");
  });
});

describe("defaultAlertRules", () => {
  const rules = defaultAlertRules();

  it("parses back to itself, so the defaults can be stored and reloaded", () => {
    for (const rule of rules) expect(AlertRuleDefinition.parse(rule)).toEqual(rule);
  });

  it("has unique names and covers the failure patterns on-call must hear about", () => {
    expect(new Set(rules.map((rule) => rule.name)).size).toBe(rules.length);
    const watchedKinds = rules.flatMap((rule) => rule.findingKinds);
    expect(watchedKinds).toEqual(
      expect.arrayContaining([
        "repeated_call",
        "cycle",
        "retry_storm",
        "side_effect_fanout",
        "budget_exceeded",
        "cost_spike",
        "token_spike",
        "ignored_failure",
        "prompt_injection",
      ]),
    );
    expect(
      rules.filter((rule) => rule.type === "metric").map((rule) => [rule.metric, rule.threshold]),
    ).toEqual([
      ["error_rate", 0.2],
      ["p95_latency_ms", 60_000],
    ]);
  });

  it("returns a fresh list each time, so callers can edit it", () => {
    const first = defaultAlertRules();
    first[0]?.findingKinds.push("plan_drift");
    expect(defaultAlertRules()[0]?.findingKinds).not.toContain("plan_drift");
  });
});
