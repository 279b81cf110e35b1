export { detectFindings } from "./detect-findings.ts";
export { allDetectors } from "./detectors/index.ts";
export { buildProjectHistory } from "./history/build-project-history.ts";
export { describeOutputShape, type OutputShape } from "./normalize/output-shape.ts";
export { isToolCall, stepBaselineKey, toolNameOf } from "./normalize/steps.ts";
export { findDisguisedError } from "./normalize/classify-error.ts";
export { compileNamePatterns } from "./detectors/side-effect-fanout.ts";
export { AnalysisSettings } from "./settings.ts";
export type { Baseline, Detector, DetectorContext, Finding, ProjectHistory } from "./types.ts";
