import { allDetectors } from "./detectors/index.ts";
import { sortSteps } from "./normalize/steps.ts";
import { AnalysisSettings } from "./settings.ts";
import type { Detector, DetectorContext, Finding } from "./types.ts";

/**
 * Runs the detectors over a run, finished or still in progress, and returns the findings ordered by
 * the step where each begins. Call it again as steps arrive: a finding that grows keeps its groupKey.
 */
export function detectFindings(
  context: Omit<DetectorContext, "settings"> & { settings?: Partial<AnalysisSettings> },
  detectors: readonly Detector[] = allDetectors,
): Finding[] {
  const steps = sortSteps(context.steps);
  const prepared = {
    steps,
    trace: context.trace,
    settings: AnalysisSettings.parse(context.settings ?? {}),
    history: context.history ?? {},
  };
  const order = new Map(steps.map((step, index) => [step.id, index]));
  const findings = detectors.flatMap((detector) => detector.detect(prepared));
  const positionOf = (finding: Finding) =>
    finding.firstStepId === null ? Number.MAX_SAFE_INTEGER : (order.get(finding.firstStepId) ?? Number.MAX_SAFE_INTEGER);
  return findings
    .map((finding, index) => ({ finding, index, position: positionOf(finding) }))
    .sort((left, right) => left.position - right.position || left.index - right.index)
    .map(({ finding }) => finding);
}
