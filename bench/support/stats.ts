export function percentile(sortedMillis: readonly number[], fraction: number): number {
  if (sortedMillis.length === 0) return Number.NaN;
  const index = Math.min(sortedMillis.length - 1, Math.ceil(fraction * sortedMillis.length) - 1);
  return sortedMillis[Math.max(0, index)]!;
}

/** Runs `tasks` with at most `concurrency` in flight; returns each task's duration in ms. */
export async function runConcurrently(tasks: readonly (() => Promise<void>)[], concurrency: number): Promise<number[]> {
  const durations: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++]!;
      const started = performance.now();
      await task();
      durations.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return durations;
}
