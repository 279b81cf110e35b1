import type { z } from "zod";
import { AlertRuleDefinition } from "./alert-rule.ts";

/**
 * The rules a new project starts with: one per failure pattern that needs a human soon, plus the two
 * project-wide symptoms (errors and latency) that detectors do not see run by run.
 */
export function defaultAlertRules(): AlertRuleDefinition[] {
  const rules: z.input<typeof AlertRuleDefinition>[] = [
    {
      name: "Agent stuck in a loop",
      type: "finding",
      findingKinds: ["repeated_call", "cycle"],
      severity: "high",
    },
    { name: "Retry storm", type: "finding", findingKinds: ["retry_storm"], severity: "high" },
    {
      name: "Side-effect fan-out",
      type: "finding",
      findingKinds: ["side_effect_fanout"],
      severity: "critical",
    },
    {
      name: "Budget exceeded",
      type: "finding",
      findingKinds: ["budget_exceeded"],
      severity: "high",
    },
    {
      name: "Cost spike",
      type: "finding",
      findingKinds: ["cost_spike", "token_spike"],
      severity: "medium",
    },
    {
      name: "Silent failures",
      type: "finding",
      findingKinds: ["ignored_failure"],
      severity: "medium",
    },
    {
      name: "Prompt injection",
      type: "finding",
      findingKinds: ["prompt_injection"],
      severity: "high",
    },
    {
      name: "Error rate above 20%",
      type: "metric",
      metric: "error_rate",
      threshold: 0.2,
      windowSeconds: 3_600,
      severity: "high",
    },
    {
      name: "p95 latency above 60 s",
      type: "metric",
      metric: "p95_latency_ms",
      threshold: 60_000,
      windowSeconds: 3_600,
      severity: "medium",
    },
  ];
  return rules.map((rule) => AlertRuleDefinition.parse(rule));
}
