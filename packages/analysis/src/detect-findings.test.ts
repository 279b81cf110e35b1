import { buildCorpus, buildLargeRun } from "@loupe/fixtures";
import { FindingKind } from "@loupe/schema";
import { describe, expect, it } from "vitest";
import { detectFindings } from "./detect-findings.ts";
import { allDetectors } from "./detectors/index.ts";
import { measureQuality } from "./quality/measure-quality.ts";

const corpus = buildCorpus();

describe("detector quality on the labelled corpus", () => {
  const rows = measureQuality(corpus);

  it.each(rows.map((row) => [row.kind, row] as const))("%s", (_kind, row) => {
    expect({ falsePositives: row.falsePositiveSlugs, falseNegatives: row.falseNegativeSlugs }).toEqual({
      falsePositives: [],
      falseNegatives: [],
    });
    if (row.truePositives + row.falseNegatives > 0) {
      expect(row.precision).toBe(1);
      expect(row.recall).toBe(1);
    }
  });

  it("has a detector for every finding kind", () => {
    const covered = new Set(allDetectors.map((detector) => detector.kind));
    expect(FindingKind.options.filter((kind) => !covered.has(kind))).toEqual([]);
  });

  it("judges every kind the corpus labels on at least two differently shaped runs", () => {
    const labelled = rows.filter((row) => row.truePositives + row.falseNegatives > 0);
    expect(labelled.length).toBeGreaterThanOrEqual(12);
    expect(labelled.filter((row) => row.truePositives < 2).map((row) => row.kind)).toEqual([]);
  });
});

describe("detectFindings", () => {
  it("orders findings by their first step and fills every field", () => {
    const fixture = corpus.find((run) => run.expectedFindings.includes("retry_storm"));
    if (!fixture) throw new Error("corpus has no retry storm");
    const findings = detectFindings({ steps: [...fixture.run.steps].reverse(), trace: fixture.run.trace });
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(finding.firstStepId).toBe(finding.stepIds[0]);
      expect(finding.explanation.length).toBeGreaterThan(20);
      expect(finding.groupKey.startsWith(`${finding.detectorId}:`)).toBe(true);
    }
  });

  it("updates a growing finding instead of adding another while a run streams in", () => {
    for (const fixture of corpus.filter((run) => run.expectedFindings.length > 0)) {
      const { steps, trace } = fixture.run;
      const running = { ...trace, status: "running" as const, endTime: undefined };
      const keys = new Set<string>();
      for (const cut of [0.25, 0.5, 0.75, 1]) {
        const prefix = steps.slice(0, Math.ceil(steps.length * cut));
        const findings = detectFindings({ steps: prefix, trace: running });
        const groupKeys = findings.map((finding) => finding.groupKey);
        expect(new Set(groupKeys).size).toBe(groupKeys.length);
        for (const key of groupKeys) keys.add(key);
      }
      const final = detectFindings({ steps, trace: running }).map((finding) => finding.groupKey);
      // Every key seen on the way is still the key of a finding at the end: nothing was duplicated.
      expect([...keys].filter((key) => !final.includes(key))).toEqual([]);
    }
  });

  it("analyses a 100,000-step run and flags only its size", { timeout: 60_000 }, () => {
    const run = buildLargeRun({ steps: 100_000 });
    const findings = detectFindings({ steps: run.steps, trace: run.trace });
    // The run is a benchmark job: ten times the default step maximum, and nothing else wrong with it.
    expect(findings.map((finding) => finding.kind)).toEqual(["step_runaway"]);
  });
});
