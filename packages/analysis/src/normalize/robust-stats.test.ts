import { describe, expect, it } from "vitest";
import { findOutlier, median } from "./robust-stats.ts";

const options = { thresholdMads: 3.5, minRatio: 3, minSamples: 5 };

describe("median", () => {
  it("handles odd and even lengths", () => {
    expect(median([1, 2, 3])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
  });
});

describe("findOutlier", () => {
  const baseline = [0.01, 0.012, 0.009, 0.011, 0.013, 0.01, 0.008];

  it("flags a value far above the baseline", () => {
    const outlier = findOutlier(0.5, baseline, options);
    expect(outlier?.ratio).toBeGreaterThan(40);
  });

  it("ignores ordinary variation, small baselines and zero values", () => {
    expect(findOutlier(0.015, baseline, options)).toBeNull();
    expect(findOutlier(0.5, baseline.slice(0, 3), options)).toBeNull();
    expect(findOutlier(0, baseline, options)).toBeNull();
  });

  it("falls back to the ratio when the baseline has no spread", () => {
    expect(findOutlier(2, [1, 1, 1, 1, 1], options)).toBeNull();
    expect(findOutlier(4, [1, 1, 1, 1, 1], options)).not.toBeNull();
  });
});
