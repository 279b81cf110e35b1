// Detector speed: CPU time of detectFindings over runs of 1,000, 25,000 and 100,000 steps (best of
// three), against a baseline measured in the same run: one sort of the same steps by start time,
// the least any analysis of a run must do.
import { detectFindings } from "@loupe/analysis";
import { buildLargeRun } from "@loupe/fixtures";

function bestCpuMillis(work: () => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < 3; pass++) {
    const before = process.cpuUsage();
    work();
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1_000);
  }
  return best;
}

for (const size of [1_000, 25_000, 100_000]) {
  const run = buildLargeRun({ steps: size });
  const detect = bestCpuMillis(() => detectFindings({ steps: run.steps, trace: run.trace }));
  const sort = bestCpuMillis(() => [...run.steps].sort((a, b) => a.startTime.getTime() - b.startTime.getTime()));
  console.log(
    `${String(size).padStart(7)} steps: detectors ${detect.toFixed(0).padStart(5)} ms CPU, sort baseline ${sort.toFixed(0).padStart(4)} ms, ratio ${(detect / Math.max(sort, 0.001)).toFixed(1)}×`,
  );
}
