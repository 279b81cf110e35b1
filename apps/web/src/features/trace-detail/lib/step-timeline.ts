type Timed = { startTime: Date; endTime: Date | null };

export type Timeline = { origin: Date; totalMs: number };

/** The span the waterfall covers: the run's own, stretched to any step that outlasts it. */
export function measureTimeline(trace: Timed, steps: readonly Timed[]): Timeline {
  const origin = trace.startTime;
  let end = (trace.endTime ?? trace.startTime).getTime();
  for (const step of steps) end = Math.max(end, (step.endTime ?? step.startTime).getTime());
  return { origin, totalMs: Math.max(end - origin.getTime(), 0) };
}

/** Where a step's bar sits on the waterfall, in percent; a step still running gets a sliver. */
export function placeOnTimeline(
  step: Timed,
  { origin, totalMs }: Timeline,
): { left: number; width: number } {
  if (totalMs === 0) return { left: 0, width: 100 };
  const start = Math.min(Math.max(step.startTime.getTime() - origin.getTime(), 0), totalMs);
  const end = step.endTime
    ? Math.min(Math.max(step.endTime.getTime() - origin.getTime(), start), totalMs)
    : start;
  const left = (start / totalMs) * 100;
  return { left, width: Math.max(((end - start) / totalMs) * 100, 0.5) };
}
