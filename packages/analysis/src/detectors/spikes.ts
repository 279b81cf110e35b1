import type { RecordedStep } from "@loupe/schema";
import { median } from "../normalize/robust-stats.ts";
import { costOf, durationOf, stepBaselineKey, sumTokens, tokensOf } from "../normalize/steps.ts";
import type { AnalysisSettings } from "../settings.ts";
import type { Baseline } from "../types.ts";
import { createSpikeDetector } from "./create-spike-detector.ts";

/**
 * Run cost against recent runs of the same name; an LLM call's cost against the project's calls.
 * Cost that rose with the usual amount of work is a pricier model, a choice rather than a fault:
 * a spike needs the tokens to have jumped too.
 */
export const costSpikeDetector = createSpikeDetector({
  id: "cost-spike",
  version: 2,
  kind: "cost_spike",
  metric: "cost",
  minimum: (settings) => settings.spikeMinimums.costUsd,
  format: (value) => `$${value < 0.01 ? value.toPrecision(2) : value.toFixed(2)}`,
  measureRun: sumCost,
  runBaseline: (history) => history.runs?.costUsd,
  measureStep: (step) => (step.kind === "llm" && step.providedCost !== undefined ? step.providedCost : null),
  stepBaseline: (history) => history.llmStepCostUsd,
  explained: {
    run: (steps, history, settings) => isUsualWork(sumTokens(steps), history.runs?.tokens, settings),
    step: (step, history, settings) => isUsualWork(tokensOf(step), history.llmStepTokens, settings),
  },
});

/** Within the spike ratio of the usual token count, judged only when there is a baseline to judge by. */
function isUsualWork(tokens: number | null, baseline: Baseline | undefined, settings: AnalysisSettings): boolean {
  if (tokens === null || !baseline || baseline.length < settings.baselineMinSamples) return false;
  return tokens <= settings.spikeMinRatio * medianOf(baseline);
}

/**
 * Run tokens against recent runs of the same name; an LLM call's output tokens against the same
 * model's. Input growth within a run is the context-explosion detector's, so steps are judged on
 * what the model generated.
 */
export const tokenSpikeDetector = createSpikeDetector({
  id: "token-spike",
  kind: "token_spike",
  metric: "token count",
  minimum: (settings) => settings.spikeMinimums.tokens,
  format: (value) => `${Math.round(value)} tokens`,
  measureRun: (steps) => {
    const total = sumTokens(steps);
    return total > 0 ? total : null;
  },
  runBaseline: (history) => history.runs?.tokens,
  measureStep: (step) => (step.kind === "llm" && step.usage ? step.usage.output : null),
  stepBaseline: (history, step) => history.steps?.[stepBaselineKey(step)]?.outputTokens,
});

const TIMED_KINDS = new Set<RecordedStep["kind"]>(["llm", "tool", "retrieval", "embedding"]);

/**
 * Run duration against recent runs of the same name; a call's latency against the same tool's or
 * model's. An LLM call that wrote more than the model usually does is judged per usual output, since
 * generation time grows with it: writing eight emails in one reply is big, not slow.
 */
export const latencyOutlierDetector = createSpikeDetector({
  id: "latency-outlier",
  version: 2,
  kind: "latency_outlier",
  metric: "latency",
  minimum: (settings) => settings.spikeMinimums.latencyMs,
  format: (value) => (value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`),
  measureRun: (steps, { trace }) => {
    if (trace.startTime && trace.endTime) return trace.endTime.getTime() - trace.startTime.getTime();
    return null;
  },
  runBaseline: (history) => history.runs?.durationMs,
  measureStep: (step) => (TIMED_KINDS.has(step.kind) && step.status !== "running" ? durationOf(step) : null),
  stepBaseline: (history, step) => history.steps?.[stepBaselineKey(step)]?.durationMs,
  stepWorkload: (history, step) => {
    const usual = history.steps?.[stepBaselineKey(step)]?.outputTokens;
    if (step.kind !== "llm" || !step.usage || !usual || usual.length === 0) return 1;
    return step.usage.output / Math.max(1, medianOf(usual));
  },
});

// Long runs judge thousands of calls against the same few baselines: sort each one once.
const medians = new WeakMap<Baseline, number>();

function medianOf(values: Baseline): number {
  let value = medians.get(values);
  if (value === undefined) {
    value = median([...values].sort((left, right) => left - right));
    medians.set(values, value);
  }
  return value;
}

export function sumCost(steps: readonly RecordedStep[]): number | null {
  let total = 0;
  let known = false;
  for (const step of steps) {
    if (step.providedCost === undefined) continue;
    known = true;
    total += costOf(step);
  }
  return known ? total : null;
}
