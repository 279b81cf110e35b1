import type { RecordedStep } from "@loupe/schema";
import { canonicalizeArguments, canonicalizeValue, hashText, signToolCall } from "../normalize/canonical.ts";
import { isToolCall, toolNameOf } from "../normalize/steps.ts";
import type { Detector, Finding, PreparedContext } from "../types.ts";
import { buildFinding } from "./build-finding.ts";

type Streak = { label: string; steps: RecordedStep[] };

/**
 * The same call with the same normalized arguments and the same result, back to back: the agent
 * learns nothing new and asks again. Tool calls and LLM calls are separate sequences, since an LLM
 * call sits between every two tool calls. Failed calls belong to the retry-storm detector; a
 * repeated sequence of several calls belongs to the cycle detector.
 */
export const repeatedCallDetector: Detector = {
  id: "repeated-call",
  version: 1,
  kind: "repeated_call",
  detect: detectRepeatedCalls,
};

function detectRepeatedCalls({ steps, settings }: PreparedContext): Finding[] {
  const streaks = [
    ...findStreaks(steps.filter(isToolCall), (step) => toolNameOf(step)),
    // Two calls cannot send the same prompt with a different input token count.
    ...findStreaks(
      steps.filter((step) => step.kind === "llm"),
      (step) => step.model ?? step.name,
      (step) => `${step.usage?.input ?? ""}`,
    ),
  ];
  return streaks
    .filter((streak) => streak.steps.length >= settings.repeatThreshold)
    .map(({ label, steps: repeated }) => {
      const first = repeated[0];
      const requestHash = first ? hashRequest(label, first) : "";
      return buildFinding(repeatedCallDetector, {
        severity: repeated.length >= settings.repeatThreshold * 3 ? "high" : "medium",
        // The first step of the streak keeps the key stable while the loop goes on.
        key: `${label}:${requestHash}:${first?.id ?? ""}`,
        explanation: `${label} was called ${repeated.length} times in a row with the same arguments and got the same result each time.`,
        stepIds: repeated.map((step) => step.id),
        evidence: { name: label, count: repeated.length, argumentsHash: requestHash },
      });
    });
}

/**
 * Streaks of equal successful calls. Hashing every call would dominate the cost on long runs, so
 * calls are hashed only when their label and cheap fingerprint already match the streak's.
 */
function findStreaks(
  sequence: readonly RecordedStep[],
  labelOf: (step: RecordedStep) => string,
  fingerprintOf: (step: RecordedStep) => string = () => "",
): Streak[] {
  const streaks: Streak[] = [];
  // Only streaks of two or more are materialized; most calls differ from the one before.
  let head: { step: RecordedStep; label: string; fingerprint: string; signature: string | null } | null = null;
  let current: Streak | null = null;
  for (const step of sequence) {
    if (step.status !== "ok") {
      head = null;
      current = null;
      continue;
    }
    const label = labelOf(step);
    const fingerprint = fingerprintOf(step);
    if (head && head.label === label && head.fingerprint === fingerprint) {
      head.signature ??= signCall(label, head.step);
      if (head.signature === signCall(label, step)) {
        if (!current) {
          current = { label, steps: [head.step] };
          streaks.push(current);
        }
        current.steps.push(step);
        continue;
      }
    }
    head = { step, label, fingerprint, signature: null };
    current = null;
  }
  return streaks;
}

function hashRequest(label: string, step: RecordedStep): string {
  return hashText(`${label}|${canonicalizeArguments(step.input)}`);
}

function signCall(label: string, step: RecordedStep): string {
  return label === toolNameOf(step) && isToolCall(step)
    ? signToolCall(step)
    : `${hashRequest(label, step)}:${hashText(canonicalizeValue(step.output))}`;
}
