export function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export type Outlier = { value: number; median: number; mad: number; score: number; ratio: number };

/**
 * Iglewicz and Hoaglin's modified z-score, on the logarithm of the values: costs, token counts and
 * latencies are roughly log-normal, so "ten times the usual" is the same distance at any scale.
 * Non-positive values carry no information on a log scale and are left out. Returns the outlier,
 * or null when the value is not one or the baseline is too small to judge.
 */
export function findOutlier(
  value: number,
  baseline: readonly number[],
  options: { thresholdMads: number; minRatio: number; minSamples: number },
): Outlier | null {
  if (!(value > 0)) return null;
  const logs = baseline.filter((sample) => sample > 0).map(Math.log).sort((a, b) => a - b);
  if (logs.length < options.minSamples) return null;
  const center = median(logs);
  const mad = median(logs.map((sample) => Math.abs(sample - center)).sort((a, b) => a - b));
  const distance = Math.log(value) - center;
  // A baseline of identical values has no spread; the ratio test alone then decides.
  const score = mad > 0 ? (0.6745 * distance) / mad : distance > 0 ? Number.POSITIVE_INFINITY : 0;
  const ratio = Math.exp(distance);
  if (score < options.thresholdMads || ratio < options.minRatio) return null;
  return { value, median: Math.exp(center), mad, score, ratio };
}
