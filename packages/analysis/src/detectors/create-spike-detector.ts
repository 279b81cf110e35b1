import type { FindingKind, RecordedStep } from "@loupe/schema";
import { findOutlier, type Outlier } from "../normalize/robust-stats.ts";
import { stepBaselineKey } from "../normalize/steps.ts";
import type { AnalysisSettings } from "../settings.ts";
import type { Baseline, Detector, Finding, PreparedContext, ProjectHistory } from "../types.ts";
import { buildFinding } from "./build-finding.ts";

type SpikeDefinition = {
  id: string;
  version?: number;
  kind: FindingKind;
  /** "cost", "token count", "latency": how the explanation names the metric. */
  metric: string;
  format: (value: number) => string;
  minimum: (settings: AnalysisSettings) => number;
  measureRun: (steps: readonly RecordedStep[], context: PreparedContext) => number | null;
  runBaseline: (history: ProjectHistory) => Baseline | undefined;
  measureStep: (step: RecordedStep) => number | null;
  stepBaseline: (history: ProjectHistory, step: RecordedStep) => Baseline | undefined;
  /**
   * How many usual steps' worth of work a step did, when that explains a larger value: a step's
   * value is judged per unit of it, so a call that wrote ten times the usual output may take ten
   * times as long. Values at or below one change nothing.
   */
  stepWorkload?: (history: ProjectHistory, step: RecordedStep) => number;
  /**
   * Whether an outlier is explained by something legitimate rather than a problem, so it is not
   * reported: for cost, the usual amount of work done with a pricier model.
   */
  explained?: {
    run: (steps: readonly RecordedStep[], history: ProjectHistory, settings: AnalysisSettings) => boolean;
    step: (step: RecordedStep, history: ProjectHistory, settings: AnalysisSettings) => boolean;
  };
};

/**
 * A run, or steps, far above a robust baseline (median and MAD on a log scale) of recent values the
 * caller supplies, and at least the configured minimum. Steps that spike against the same baseline
 * share one finding.
 */
export function createSpikeDetector(definition: SpikeDefinition): Detector {
  const detector: Detector = {
    id: definition.id,
    version: definition.version ?? 1,
    kind: definition.kind,
    detect: (context) => {
      const { steps, settings, history } = context;
      const options = {
        thresholdMads: settings.spikeThresholdMads,
        minRatio: settings.spikeMinRatio,
        minSamples: settings.baselineMinSamples,
      };
      const minimum = definition.minimum(settings);
      // The minimum is checked first: it is cheap, and most values are below it.
      const judge = (value: number | null, baseline: () => Baseline | undefined) =>
        value === null || value < minimum ? null : findOutlier(value, baseline() ?? [], options);
      const findings: Finding[] = [];
      const runValue = definition.measureRun(steps, context);
      const runOutlier = judge(runValue, () => definition.runBaseline(history));
      if (runOutlier && !definition.explained?.run(steps, history, settings)) {
        findings.push(
          buildFinding(detector, {
            severity: severityOf(runOutlier),
            key: "run",
            explanation: `The run's ${definition.metric} of ${definition.format(runOutlier.value)} is ${ratioText(runOutlier)} the median of ${definition.format(runOutlier.median)} for recent runs with the same name.`,
            stepIds: steps[0] ? [steps[0].id] : [],
            evidence: describeOutlier(runOutlier),
          }),
        );
      }

      const spikes = new Map<string, Array<{ step: RecordedStep; outlier: Outlier; workload: number }>>();
      for (const step of steps) {
        const measured = definition.measureStep(step);
        // Dividing by a workload only lowers a value: one already below the minimum is not judged.
        if (measured === null || measured < minimum) continue;
        const workload = Math.max(1, definition.stepWorkload?.(history, step) ?? 1);
        const value = measured / workload;
        const outlier = judge(value, () => definition.stepBaseline(history, step));
        if (!outlier || definition.explained?.step(step, history, settings)) continue;
        const key = stepBaselineKey(step);
        const group = spikes.get(key) ?? [];
        group.push({ step, outlier, workload });
        spikes.set(key, group);
      }
      for (const [key, group] of spikes) {
        const peak = group.reduce((top, entry) => (entry.outlier.value > top.outlier.value ? entry : top));
        const name = key.slice(key.indexOf(":") + 1);
        findings.push(
          buildFinding(detector, {
            severity: severityOf(peak.outlier),
            key,
            explanation: `${group.length === 1 ? "A" : group.length} ${name} step${group.length === 1 ? "" : "s"} reached a ${definition.metric} of up to ${definition.format(peak.outlier.value)}${peak.workload > 1 ? ` per usual amount of work (it did ${peak.workload.toFixed(1)} times as much)` : ""}, ${ratioText(peak.outlier)} the usual ${definition.format(peak.outlier.median)}.`,
            stepIds: group.map((entry) => entry.step.id),
            evidence: { ...describeOutlier(peak.outlier), steps: group.length, peakStepId: peak.step.id, workload: peak.workload },
          }),
        );
      }
      return findings;
    },
  };
  return detector;
}

function severityOf(outlier: Outlier): "medium" | "high" {
  return outlier.ratio >= 10 ? "high" : "medium";
}

function ratioText(outlier: Outlier): string {
  return `${outlier.ratio >= 10 ? Math.round(outlier.ratio) : outlier.ratio.toFixed(1)} times`;
}

function describeOutlier(outlier: Outlier): Record<string, unknown> {
  return {
    value: outlier.value,
    baselineMedian: outlier.median,
    ratio: outlier.ratio,
    robustScore: Number.isFinite(outlier.score) ? outlier.score : null,
  };
}
