import type { RecordedStep } from "@loupe/schema";
import { findDisguisedError } from "../normalize/classify-error.ts";
import { isToolCall, toolNameOf } from "../normalize/steps.ts";
import type { Detector, Finding, PreparedContext } from "../types.ts";
import { buildFinding } from "./build-finding.ts";

const FAILABLE_KINDS = new Set<RecordedStep["kind"]>([
  "tool",
  "retrieval",
  "llm",
  "embedding",
  "handoff",
  "human",
  "guardrail",
  "validation",
]);

type Failure = { step: RecordedStep; position: number; reason: string };

/**
 * A failure the run never dealt with: a step that errored, or "succeeded" with an error inside
 * (an error field, GraphQL errors, an HTTP status of 400 or more, an empty search). It counts as dealt with when a
 * later call of the same tool or model succeeded (a retry that worked) or when the run itself ends
 * in error (the failure was reported). A run still in progress that carries on past it is flagged.
 */
export const ignoredFailureDetector: Detector = {
  id: "ignored-failure",
  version: 2,
  kind: "ignored_failure",
  detect: detectIgnoredFailures,
};

function detectIgnoredFailures({ steps, trace }: PreparedContext): Finding[] {
  if (trace.status === "error") return [];
  const failures: Failure[] = [];
  for (const [index, step] of steps.entries()) {
    if (!FAILABLE_KINDS.has(step.kind) || step.status === "running") continue;
    const reason =
      step.status === "error"
        ? (step.statusMessage ?? "step failed")
        : isToolCall(step)
          ? findDisguisedError(step)
          : null;
    if (reason !== null) failures.push({ step, position: index, reason });
  }
  if (failures.length === 0) return [];
  // Only calls that failed somewhere need to know when they last succeeded.
  const failedCalls = new Set(failures.map((failure) => callKey(failure.step)));
  const lastSuccessAt = new Map<string, number>();
  for (const [index, step] of steps.entries()) {
    if (step.status !== "ok" || !FAILABLE_KINDS.has(step.kind)) continue;
    const key = callKey(step);
    if (failedCalls.has(key) && (!isToolCall(step) || findDisguisedError(step) === null)) lastSuccessAt.set(key, index);
  }
  const lastIndex = steps.length - 1;
  const unresolved = failures.filter(({ step, position }) => {
    const retriedOk = (lastSuccessAt.get(callKey(step)) ?? -1) > position;
    const carriesOn = trace.status !== "running" || position < lastIndex;
    return !retriedOk && carriesOn;
  });

  const byCall = new Map<string, Failure[]>();
  for (const failure of unresolved) {
    const key = callKey(failure.step);
    const group = byCall.get(key) ?? [];
    group.push(failure);
    byCall.set(key, group);
  }
  return [...byCall.entries()].map(([key, group]) => {
    const first = group[0];
    const name = first ? toolNameOf(first.step) : key;
    const outcome = trace.status === "ok" ? "the run still reported success" : "the run carried on";
    return buildFinding(ignoredFailureDetector, {
      severity: trace.status === "ok" ? "high" : "medium",
      key: `${key}:${first?.step.id ?? ""}`,
      explanation: `${name} failed (${first?.reason ?? "error"}) and was never retried successfully, yet ${outcome}.`,
      stepIds: group.map((failure) => failure.step.id),
      evidence: {
        name,
        failures: group.length,
        reasons: [...new Set(group.map((failure) => failure.reason))].slice(0, 5),
        traceStatus: trace.status ?? null,
      },
    });
  });
}

function callKey(step: RecordedStep): string {
  return `${step.kind}:${step.kind === "llm" ? (step.model ?? step.name) : toolNameOf(step)}`;
}
