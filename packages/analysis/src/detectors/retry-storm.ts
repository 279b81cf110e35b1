import type { RecordedStep } from "@loupe/schema";
import { canonicalizeArguments, hashText } from "../normalize/canonical.ts";
import { classifyError, type ErrorClass } from "../normalize/classify-error.ts";
import { isToolCall, toolNameOf } from "../normalize/steps.ts";
import type { Detector, Finding, PreparedContext } from "../types.ts";
import { buildFinding } from "./build-finding.ts";

type Storm = { label: string; requestHash: string; message: string; errorClass: ErrorClass; stepIds: string[] };

/**
 * One call retried after an error that retrying cannot fix (401/403, invalid argument, not found).
 * Attempts of the same call with the same non-retryable error are counted; a success, or another
 * call in between, ends the count. Retries of 429/503 with backoff are healthy and never counted.
 */
export const retryStormDetector: Detector = {
  id: "retry-storm",
  version: 1,
  kind: "retry_storm",
  detect: detectRetryStorms,
};

function detectRetryStorms({ steps, settings }: PreparedContext): Finding[] {
  const storms: Storm[] = [];
  const scan = (sequence: RecordedStep[], labelOf: (step: RecordedStep) => string) => {
    let current = null as Storm | null;
    for (const step of sequence) {
      const message = step.status === "error" ? (step.statusMessage ?? "") : null;
      const errorClass = message === null ? null : classifyError(message);
      if (message === null || errorClass !== "non_retryable") {
        current = null;
        continue;
      }
      const label = labelOf(step);
      const requestHash = hashText(`${label}|${canonicalizeArguments(step.input)}`);
      if (current?.requestHash === requestHash && normalizeMessage(current.message) === normalizeMessage(message)) {
        current.stepIds.push(step.id);
      } else {
        current = { label, requestHash, message, errorClass, stepIds: [step.id] };
        storms.push(current);
      }
    }
  };
  scan(steps.filter(isToolCall), toolNameOf);
  scan(steps.filter((step) => step.kind === "llm"), (step) => step.model ?? step.name);

  return storms
    .filter((storm) => storm.stepIds.length >= settings.retryStormThreshold)
    .map((storm) =>
      buildFinding(retryStormDetector, {
        severity: "high",
        key: `${storm.label}:${storm.requestHash}:${storm.stepIds[0] ?? ""}`,
        explanation: `${storm.label} failed ${storm.stepIds.length} times with the same non-retryable error and was retried anyway: ${truncate(storm.message)}`,
        stepIds: storm.stepIds,
        evidence: { name: storm.label, attempts: storm.stepIds.length, error: storm.message, errorClass: storm.errorClass },
      }),
    );
}

/** Request ids and timestamps differ between attempts of the same error. */
function normalizeMessage(message: string): string {
  return message.replace(/[0-9a-f]{8,}|\d{4}-\d\d-\d\dt[\d:.]+z?/gi, "#").toLowerCase();
}

function truncate(text: string, length = 120): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
