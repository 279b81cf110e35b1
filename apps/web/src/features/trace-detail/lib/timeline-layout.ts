import { formatDuration } from "@/lib/format";

type TimedStep = { id: string; parentId: string | null; startTime: Date; endTime: Date | null };

/**
 * Which parallel branch each step ran on among its siblings: steps of one parent that do not
 * overlap share lane 0, and a step that starts while a sibling is still running takes the next
 * free lane. A lane above 0 therefore means "ran concurrently with an earlier sibling".
 * Expects the steps in recorded order (start time, then arrival), as the api pages them.
 */
export function assignParallelLanes(steps: readonly TimedStep[]): Map<string, number> {
  const lanes = new Map<string, number>();
  // Per parent, when each lane becomes free again.
  const laneEnds = new Map<string | null, number[]>();
  for (const step of steps) {
    const start = step.startTime.getTime();
    // A step still running occupies its lane for good, so later siblings show as parallel.
    const end = step.endTime ? Math.max(step.endTime.getTime(), start) : Number.POSITIVE_INFINITY;
    let ends = laneEnds.get(step.parentId);
    if (!ends) {
      ends = [];
      laneEnds.set(step.parentId, ends);
    }
    let lane = ends.findIndex((laneEnd) => laneEnd <= start);
    if (lane === -1) lane = ends.length;
    ends[lane] = end;
    lanes.set(step.id, lane);
  }
  return lanes;
}

export type AxisTick = { offsetMs: number; percent: number; label: string };

const TICK_MULTIPLIERS = [1, 2, 5];

/**
 * Evenly spaced ticks at round durations (1, 2 or 5 times a power of ten milliseconds) across a
 * run of `totalMs`, at most `maxTicks` of them after the origin.
 */
export function buildTimeAxis(totalMs: number, maxTicks = 6): AxisTick[] {
  if (totalMs <= 0) return [{ offsetMs: 0, percent: 0, label: formatDuration(0) }];
  const step = chooseTickStep(totalMs / Math.max(maxTicks, 1));
  const ticks: AxisTick[] = [];
  for (let offsetMs = 0; offsetMs <= totalMs; offsetMs += step) {
    ticks.push({ offsetMs, percent: (offsetMs / totalMs) * 100, label: formatDuration(offsetMs) });
  }
  return ticks;
}

/** The smallest round duration (1, 2 or 5 times a power of ten ms) of at least `roughMs`. */
function chooseTickStep(roughMs: number): number {
  for (let power = 1; ; power *= 10) {
    const fitting = TICK_MULTIPLIERS.map((multiplier) => multiplier * power).find(
      (candidate) => candidate >= roughMs,
    );
    if (fitting !== undefined) return fitting;
  }
}
