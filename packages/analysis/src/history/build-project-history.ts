import type { RecordedRun } from "@loupe/schema";
import { findDisguisedError } from "../normalize/classify-error.ts";
import { describeOutputShape, signShape, type OutputShape } from "../normalize/output-shape.ts";
import { durationOf, isToolCall, stepBaselineKey, sumTokens, tokensOf, toolNameOf } from "../normalize/steps.ts";
import { sumCost } from "../detectors/spikes.ts";
import type { ProjectHistory } from "../types.ts";

const TIMED_KINDS = new Set(["llm", "tool", "retrieval", "embedding"]);

/**
 * Baselines from a set of earlier finished runs of one project, for callers that hold runs in
 * memory (tests, the quality measurement, small projects). Run-level baselines use only runs named
 * `traceName`; step baselines and tool shapes use every run. Runs stored without a name read back
 * as "(unnamed)" and so share baselines, as `loadProjectHistory` in `@loupe/findings` has them do.
 */
export function buildProjectHistory(runs: readonly RecordedRun[], options: { traceName?: string } = {}): ProjectHistory {
  const costUsd: number[] = [];
  const tokens: number[] = [];
  const durationMs: number[] = [];
  const llmCalls: number[] = [];
  const llmStepCostUsd: number[] = [];
  const llmStepTokens: number[] = [];
  const steps: Record<string, { outputTokens: number[]; durationMs: number[] }> = {};
  const shapes = new Map<string, Map<string, OutputShape>>();

  for (const { trace, steps: runSteps } of runs) {
    if (options.traceName !== undefined && trace.name === options.traceName) {
      const cost = sumCost(runSteps);
      if (cost !== null) costUsd.push(cost);
      tokens.push(sumTokens(runSteps));
      if (trace.endTime) durationMs.push(trace.endTime.getTime() - trace.startTime.getTime());
      llmCalls.push(runSteps.filter((step) => step.kind === "llm").length);
    }
    for (const step of runSteps) {
      const key = stepBaselineKey(step);
      const baseline = (steps[key] ??= { outputTokens: [], durationMs: [] });
      if (step.kind === "llm") {
        if (step.providedCost !== undefined) {
          llmStepCostUsd.push(step.providedCost);
          const stepTokens = tokensOf(step);
          if (stepTokens !== null) llmStepTokens.push(stepTokens);
        }
        if (step.usage) baseline.outputTokens.push(step.usage.output);
      }
      const duration = durationOf(step);
      if (TIMED_KINDS.has(step.kind) && duration !== null) baseline.durationMs.push(duration);
      if (isToolCall(step) && step.status === "ok" && step.output !== undefined && !findDisguisedError(step)) {
        const shape = describeOutputShape(step.output);
        const known = shapes.get(toolNameOf(step)) ?? new Map<string, OutputShape>();
        known.set(signShape(shape), shape);
        shapes.set(toolNameOf(step), known);
      }
    }
  }
  return {
    runs: { costUsd, tokens, durationMs, llmCalls },
    llmStepCostUsd,
    llmStepTokens,
    steps,
    toolOutputShapes: Object.fromEntries([...shapes].map(([tool, known]) => [tool, [...known.values()]])),
  };
}
