import { FindingKind, Severity } from "@loupe/schema";
import { z } from "zod";

/** Project-wide figures a metric rule can watch; the caller computes them over the rule's window. */
export const AlertMetric = z.enum([
  "error_rate",
  "cost_per_hour",
  "p95_latency_ms",
  "runs_over_budget",
]);
export type AlertMetric = z.infer<typeof AlertMetric>;

/** Finding fields whose values split one rule's matches into separate alerts. */
export const AlertGroupField = z.enum(["trace.name", "finding.kind", "environment", "agent"]);
export type AlertGroupField = z.infer<typeof AlertGroupField>;

/** Per trace name and kind: a loop in a thousand runs of one agent is one alert, not a thousand. */
const DEFAULT_FINDING_GROUP_BY: AlertGroupField[] = ["trace.name", "finding.kind"];

/**
 * A rule as a project stores it. Finding rules fire on detector findings of the listed kinds;
 * metric rules fire when a project metric goes above the threshold. Every issue carries the path
 * of the field at fault, so a form can show it beside that field.
 */
export const AlertRuleDefinition = z
  .object({
    name: z.string().trim().min(1).max(120),
    type: z.enum(["finding", "metric"]),
    findingKinds: z.array(FindingKind).default([]),
    metric: AlertMetric.optional(),
    windowSeconds: z.number().int().min(60).max(86_400).default(3_600),
    threshold: z.number().nonnegative().optional(),
    severity: Severity,
    /** Omitted means the default for the rule's type, which is why it is filled in below. */
    groupBy: z.array(AlertGroupField).optional(),
    /** How long a condition must stay quiet before its alert resolves by itself. */
    cooldownSeconds: z.number().int().min(0).max(604_800).default(900),
    enabled: z.boolean().default(true),
  })
  .superRefine((rule, context) => {
    if (rule.type === "finding" && rule.findingKinds.length === 0) {
      context.addIssue({
        code: "custom",
        path: ["findingKinds"],
        message: "A finding rule needs at least one finding kind",
      });
    }
    if (rule.type === "metric" && rule.metric === undefined) {
      context.addIssue({
        code: "custom",
        path: ["metric"],
        message: "A metric rule needs a metric",
      });
    }
    if (rule.type === "metric" && rule.threshold === undefined) {
      context.addIssue({
        code: "custom",
        path: ["threshold"],
        message: "A metric rule needs a threshold",
      });
    }
    if (rule.metric === "error_rate" && rule.threshold !== undefined && rule.threshold > 1) {
      context.addIssue({
        code: "custom",
        path: ["threshold"],
        message: "An error rate threshold is a fraction between 0 and 1 (0.2 means 20%)",
      });
    }
  })
  .transform((rule) => ({
    ...rule,
    // Metric rules always produce one alert per metric, so they group by nothing.
    groupBy: rule.groupBy ?? (rule.type === "finding" ? DEFAULT_FINDING_GROUP_BY : []),
  }));
export type AlertRuleDefinition = z.infer<typeof AlertRuleDefinition>;
