export { AnalysisSettings } from "@loupe/analysis";
export { analyseTrace } from "./analyse-trace.ts";
export { FindingScheduler } from "./finding-scheduler.ts";
export { loadProjectHistory } from "./load-project-history.ts";
export { readProjectAnalysisSettings, type ProjectAnalysisSettings } from "./project-analysis-settings.ts";
export { reanalyseProject, type ReanalysisProgress } from "./reanalyse-project.ts";
export { recountOpenFindings } from "./recount-open-findings.ts";
export { findReanalysis, startReanalysis, type ReanalysisJob } from "./reanalysis-jobs.ts";
export { listenForChangedRuns, type ChangedRunsListener } from "./changed-runs-listener.ts";
