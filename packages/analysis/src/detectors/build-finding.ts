import type { Severity } from "@loupe/schema";
import type { Detector, Finding } from "../types.ts";

/** Long loops can touch thousands of steps; the finding keeps the first ones and the full count. */
const MAX_STEP_IDS = 100;

export function buildFinding(
  detector: Pick<Detector, "id" | "version" | "kind">,
  fields: {
    severity: Severity;
    key: string;
    explanation: string;
    stepIds: readonly string[];
    evidence: Record<string, unknown>;
  },
): Finding {
  return {
    detectorId: detector.id,
    detectorVersion: detector.version,
    kind: detector.kind,
    severity: fields.severity,
    groupKey: `${detector.id}:${fields.key}`,
    explanation: fields.explanation,
    stepIds: fields.stepIds.slice(0, MAX_STEP_IDS),
    firstStepId: fields.stepIds[0] ?? null,
    evidence: fields.stepIds.length > MAX_STEP_IDS ? { ...fields.evidence, stepCount: fields.stepIds.length } : fields.evidence,
  };
}
