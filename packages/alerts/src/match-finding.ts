import type { FindingKind, Severity } from "@loupe/schema";
import type { AlertGroupField, AlertMetric, AlertRuleDefinition } from "./alert-rule.ts";

/** What alerting needs to know about one finding, however the caller stored it. */
export type FindingSignal = {
  kind: FindingKind;
  severity: Severity;
  traceId: string;
  traceName: string;
  environment: string;
  agentName?: string | null;
  explanation: string;
  firstStepId?: string | null;
};

export type FindingMatch = { groupKey: string; title: string };

export type MetricEvaluation = { breached: boolean; groupKey: string; title: string };

/**
 * Decides whether a finding belongs to a rule and, if so, which alert it counts towards. Findings
 * with equal values for the rule's groupBy fields share a groupKey and so land in one alert.
 */
export function matchFinding(
  rule: AlertRuleDefinition,
  finding: FindingSignal,
): FindingMatch | null {
  if (!rule.enabled || rule.type !== "finding" || !rule.findingKinds.includes(finding.kind)) {
    return null;
  }
  const values = rule.groupBy.map((field) => ({ field, value: readGroupValue(field, finding) }));
  const groupKey =
    values.length === 0
      ? "*"
      : values.map(({ field, value }) => `${field}=${encodeKeyValue(value)}`).join("|");
  return {
    groupKey,
    title: describeGroup(
      rule.name,
      values.map(({ value }) => value),
    ),
  };
}

/** Compares a metric computed by the caller over the rule's window with the rule's threshold. */
export function evaluateMetricRule(
  rule: AlertRuleDefinition,
  value: number | null,
): MetricEvaluation {
  const { metric, threshold } = rule;
  if (rule.type !== "metric" || metric === undefined || threshold === undefined) {
    throw new Error(`Alert rule "${rule.name}" is not a metric rule`);
  }
  const breached = rule.enabled && value !== null && Number.isFinite(value) && value > threshold;
  const label = METRIC_LABELS[metric];
  const observed =
    value === null || !Number.isFinite(value)
      ? `no data for ${label}`
      : `${label} ${formatMetric(metric, value)}`;
  return {
    breached,
    groupKey: `metric=${metric}`,
    title: `${rule.name}: ${observed} (threshold ${formatMetric(metric, threshold)})`,
  };
}

function readGroupValue(field: AlertGroupField, finding: FindingSignal): string {
  switch (field) {
    case "trace.name":
      return finding.traceName;
    case "finding.kind":
      return finding.kind;
    case "environment":
      return finding.environment;
    case "agent":
      return finding.agentName ?? "";
  }
}

/** Values are user data; encoding `|` and `=` keeps one key from impersonating another. */
function encodeKeyValue(value: string): string {
  return value.replaceAll("%", "%25").replaceAll("|", "%7C").replaceAll("=", "%3D");
}

/** "Agent stuck in a loop: checkout-agent (repeated_call, production)". */
function describeGroup(ruleName: string, values: string[]): string {
  const [first, ...rest] = values.map((value) => (value === "" ? "unknown" : value));
  if (first === undefined) return ruleName;
  return rest.length === 0 ? `${ruleName}: ${first}` : `${ruleName}: ${first} (${rest.join(", ")})`;
}

const METRIC_LABELS: Record<AlertMetric, string> = {
  error_rate: "error rate",
  cost_per_hour: "cost per hour",
  p95_latency_ms: "p95 latency",
  runs_over_budget: "runs over budget",
};

function formatMetric(metric: AlertMetric, value: number): string {
  switch (metric) {
    case "error_rate":
      return `${formatNumber(value * 100)}%`;
    case "cost_per_hour":
      return `$${value.toFixed(2)}`;
    case "p95_latency_ms":
      return `${formatNumber(value / 1000)} s`;
    case "runs_over_budget":
      return formatNumber(value);
  }
}

/** At most one decimal, and none when it would be zero: "20", "37.5". */
function formatNumber(value: number): string {
  return String(Math.round(value * 10) / 10);
}
