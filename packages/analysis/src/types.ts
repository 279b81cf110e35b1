import type { FindingKind, RecordedStep, RecordedTrace, Severity } from "@loupe/schema";
import type { OutputShape } from "./normalize/output-shape.ts";
import type { AnalysisSettings } from "./settings.ts";

export type Finding = {
  detectorId: string;
  detectorVersion: number;
  kind: FindingKind;
  severity: Severity;
  /** Stable while the run grows, so a streaming caller updates a finding instead of adding another. */
  groupKey: string;
  explanation: string;
  stepIds: string[];
  firstStepId: string | null;
  evidence: Record<string, unknown>;
};

/** Recent values of one metric; the caller picks the population (same trace name, same step name). */
export type Baseline = readonly number[];

/**
 * What cross-run detectors need, computed by the caller from stored runs of the same project.
 * Every field is optional: a detector without its history stays silent rather than guessing.
 */
export type ProjectHistory = {
  /** Recent finished runs with the same trace name. */
  runs?: { costUsd?: Baseline; tokens?: Baseline; durationMs?: Baseline; llmCalls?: Baseline };
  /** Recent LLM step costs across the project: dollars compare across models, tokens do not. */
  llmStepCostUsd?: Baseline;
  /** Tokens (input and output) of the same recent LLM calls: how much work a call usually is. */
  llmStepTokens?: Baseline;
  /** Recent steps keyed by `stepBaselineKey(step)` (kind and name, so per model or tool). */
  steps?: Record<string, { outputTokens?: Baseline; durationMs?: Baseline }>;
  /** Output shapes each tool returned in earlier runs of the project. */
  toolOutputShapes?: Record<string, readonly OutputShape[]>;
  /** Spend of the project today before this run. */
  spentTodayUsd?: number;
  /** Calls of each side-effecting tool in the current rate window, this run excluded. */
  sideEffectCallsInWindow?: Record<string, number>;
};

export type DetectorContext = {
  /** The run so far, in any order. */
  steps: readonly RecordedStep[];
  trace: Partial<RecordedTrace>;
  settings: AnalysisSettings;
  history?: ProjectHistory;
};

export type Detector = {
  id: string;
  version: number;
  kind: FindingKind;
  detect: (context: PreparedContext) => Finding[];
};

/** The context after `detectFindings` sorted the steps once for every detector. */
export type PreparedContext = Omit<DetectorContext, "steps"> & {
  steps: readonly RecordedStep[];
  history: ProjectHistory;
};
