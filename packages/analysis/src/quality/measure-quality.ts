import { FindingKind, type RecordedRun } from "@loupe/schema";
import { detectFindings } from "../detect-findings.ts";
import { allDetectors } from "../detectors/index.ts";
import { buildProjectHistory } from "../history/build-project-history.ts";
import type { AnalysisSettings } from "../settings.ts";

export type LabelledRun = {
  slug: string;
  expectedFindings: readonly FindingKind[];
  /** The settings of the project the run belongs to, where its labels depend on them (budgets). */
  analysisSettings?: Partial<AnalysisSettings>;
  run: RecordedRun;
};

export type QualityRow = {
  kind: FindingKind;
  /** Null for a kind the corpus labels that no detector covers. */
  detectorId: string | null;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Null when the detector never fired: precision is undefined, not perfect. */
  precision: number | null;
  /** Null when the corpus has no positive for this kind. */
  recall: number | null;
  falsePositiveSlugs: string[];
  falseNegativeSlugs: string[];
};

/**
 * Precision and recall of each detector over a labelled corpus, run by run: a run is positive for a
 * kind when the kind is among its expected findings, and a detector fires on a run when it returns
 * at least one finding of its kind.
 *
 * Cross-run detectors need history the corpus does not carry, so each run gets a history built
 * from the corpus's healthy runs, that run itself left out (it is the one being judged). Healthy
 * runs stand in for "recent normal traffic"; run-level baselines still only use runs with the
 * same trace name, as in production.
 */
export function measureQuality(corpus: readonly LabelledRun[]): QualityRow[] {
  const healthy = corpus.filter((labelled) => labelled.expectedFindings.length === 0);
  const fired = corpus.map((labelled) => {
    const history = buildProjectHistory(
      healthy.filter((other) => other !== labelled).map((other) => other.run),
      { traceName: labelled.run.trace.name },
    );
    const findings = detectFindings({
      steps: labelled.run.steps,
      trace: labelled.run.trace,
      history,
      ...(labelled.analysisSettings ? { settings: labelled.analysisSettings } : {}),
    });
    return new Set(findings.map((finding) => finding.kind));
  });

  const detectorByKind = new Map(allDetectors.map((detector) => [detector.kind, detector]));
  return FindingKind.options.map((kind) => {
    const detector = detectorByKind.get(kind);
    const row: QualityRow = {
      kind,
      detectorId: detector?.id ?? null,
      truePositives: 0,
      falsePositives: 0,
      falseNegatives: 0,
      precision: null,
      recall: null,
      falsePositiveSlugs: [],
      falseNegativeSlugs: [],
    };
    for (const [index, labelled] of corpus.entries()) {
      const expected = labelled.expectedFindings.includes(kind);
      const found = fired[index]?.has(kind) ?? false;
      if (expected && found) row.truePositives++;
      if (!expected && found) {
        row.falsePositives++;
        row.falsePositiveSlugs.push(labelled.slug);
      }
      if (expected && !found) {
        row.falseNegatives++;
        row.falseNegativeSlugs.push(labelled.slug);
      }
    }
    const firedCount = row.truePositives + row.falsePositives;
    const positives = row.truePositives + row.falseNegatives;
    row.precision = firedCount === 0 ? null : row.truePositives / firedCount;
    row.recall = positives === 0 ? null : row.truePositives / positives;
    return row;
  });
}

export function formatQualityTable(rows: readonly QualityRow[]): string {
  const header = ["detector", "kind", "TP", "FP", "FN", "precision", "recall"];
  const ratio = (value: number | null) => (value === null ? "n/a" : value.toFixed(2));
  const lines = rows.map((row) => [
    row.detectorId ?? "(none)",
    row.kind,
    String(row.truePositives),
    String(row.falsePositives),
    String(row.falseNegatives),
    ratio(row.precision),
    ratio(row.recall),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]?.length ?? 0)));
  const render = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ").trimEnd();
  return [render(header), render(widths.map((width) => "-".repeat(width))), ...lines.map(render)].join("\n");
}
