export { detectFindings } from "./detect-findings.ts";
export { allDetectors } from "./detectors/index.ts";
export { buildProjectHistory } from "./history/build-project-history.ts";
export { describeOutputShape, type OutputShape } from "./normalize/output-shape.ts";
export { stepBaselineKey } from "./normalize/steps.ts";
export { AnalysisSettings } from "./settings.ts";
export type { Baseline, Detector, DetectorContext, Finding, ProjectHistory } from "./types.ts";
