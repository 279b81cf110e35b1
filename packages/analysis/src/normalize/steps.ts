import type { RecordedStep } from "@loupe/schema";

/** Steps in the order they started; ties keep their input order (sort is stable). */
export function sortSteps(steps: readonly RecordedStep[]): RecordedStep[] {
  return [...steps].sort((left, right) => left.startTime.getTime() - right.startTime.getTime());
}

/** A step that calls a tool: the actions of an agent, as opposed to its thinking or bookkeeping. */
export function isToolCall(step: RecordedStep): boolean {
  return step.kind === "tool" || step.kind === "retrieval";
}

export function toolNameOf(step: RecordedStep): string {
  return step.tool?.name ?? step.name;
}

export function durationOf(step: RecordedStep): number | null {
  return step.endTime ? step.endTime.getTime() - step.startTime.getTime() : null;
}

/** The key of a step's baseline: its kind and name, so one model or one tool. */
export function stepBaselineKey(step: RecordedStep): string {
  return `${step.kind}:${step.kind === "llm" && step.model ? step.model : toolNameOf(step)}`;
}

/** The tokens a step read and wrote, or null when it reported no usage. */
export function tokensOf(step: RecordedStep): number | null {
  return step.usage ? step.usage.input + step.usage.output : null;
}

/** The tokens of a whole run; steps that reported no usage add none. */
export function sumTokens(steps: readonly RecordedStep[]): number {
  let total = 0;
  for (const step of steps) total += tokensOf(step) ?? 0;
  return total;
}

export function costOf(step: RecordedStep): number {
  return step.providedCost ?? 0;
}
