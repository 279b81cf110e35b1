import { findOutlier } from "../normalize/robust-stats.ts";
import type { Detector, Finding, PreparedContext } from "../types.ts";
import { buildFinding } from "./build-finding.ts";

/**
 * Far more work than the task needs: more LLM calls (the agent's turns) or steps than the configured
 * maximum, or LLM calls far above recent runs with the same name. LLM calls are the measure because
 * one turn can legitimately fan out into many tool steps.
 */
export const stepRunawayDetector: Detector = {
  id: "step-runaway",
  version: 1,
  kind: "step_runaway",
  detect: detectStepRunaway,
};

function detectStepRunaway({ steps, settings, history }: PreparedContext): Finding[] {
  const llmCalls = steps.filter((step) => step.kind === "llm");
  const outlier = findOutlier(llmCalls.length, history.runs?.llmCalls ?? [], {
    thresholdMads: settings.spikeThresholdMads,
    minRatio: settings.spikeMinRatio,
    minSamples: settings.baselineMinSamples,
  });
  const overLlmCalls = llmCalls.length > settings.maxLlmCalls;
  const overSteps = steps.length > settings.maxSteps;
  if (!overLlmCalls && !overSteps && !outlier) return [];
  const reason = outlier
    ? `${Math.round(outlier.ratio)} times the ${Math.round(outlier.median)} LLM calls of a typical run`
    : overLlmCalls
      ? `more than the maximum of ${settings.maxLlmCalls} LLM calls`
      : `more than the maximum of ${settings.maxSteps} steps`;
  return [
    buildFinding(stepRunawayDetector, {
      severity: overSteps ? "high" : "medium",
      key: "run",
      explanation: `The run made ${llmCalls.length} LLM calls in ${steps.length} steps, ${reason}.`,
      // The calls past the point where the run became a runaway.
      stepIds: (overLlmCalls || !outlier
        ? overLlmCalls
          ? llmCalls.slice(settings.maxLlmCalls)
          : steps.slice(settings.maxSteps)
        : llmCalls.slice(Math.ceil(outlier.median * settings.spikeMinRatio))
      ).map((step) => step.id),
      evidence: {
        llmCalls: llmCalls.length,
        steps: steps.length,
        maxLlmCalls: settings.maxLlmCalls,
        maxSteps: settings.maxSteps,
        baselineMedian: outlier?.median ?? null,
        score: outlier?.score ?? null,
      },
    }),
  ];
}
