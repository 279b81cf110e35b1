import { signToolCall } from "../normalize/canonical.ts";
import { isToolCall, toolNameOf } from "../normalize/steps.ts";
import type { Detector, Finding, PreparedContext } from "../types.ts";
import { buildFinding } from "./build-finding.ts";

type Stretch = { start: number; end: number; period: number };

/**
 * A block of two or more different tool calls (same arguments, same results) that repeats whole:
 * A→B→C→A→B→C. For each period p it finds the maximal stretches where every call equals the one p
 * calls earlier, in one pass: O(n × maxPeriod). Calls are compared by name first and hashed only
 * inside stretches whose names already repeat. Handoffs are the ping-pong detector's; one call
 * repeated on its own is the repeated-call detector's.
 */
export const cycleDetector: Detector = {
  id: "cycle",
  version: 1,
  kind: "cycle",
  detect: detectCycles,
};

function detectCycles({ steps, settings }: PreparedContext): Finding[] {
  const calls = steps.filter((step) => isToolCall(step) && step.status === "ok");
  const names = internAll(calls.map(toolNameOf));
  const suspects = new Uint8Array(calls.length);
  for (const stretch of findRepeatingStretches(names, settings.cycleMaxPeriod, settings.cycleMinRepeats, false)) {
    suspects.fill(1, stretch.start, stretch.end);
  }
  // Calls outside every name stretch get a unique negative id, so they never match anything.
  const signatures = internAll(calls.map((step, index) => (suspects[index] ? signToolCall(step) : null)));
  const candidates = findRepeatingStretches(signatures, settings.cycleMaxPeriod, settings.cycleMinRepeats, true);

  // Longest first, then earliest; a stretch overlapping a chosen one is the same loop seen again.
  candidates.sort((left, right) => right.end - right.start - (left.end - left.start) || left.start - right.start);
  const chosen: Stretch[] = [];
  for (const candidate of candidates) {
    if (chosen.every((taken) => candidate.end <= taken.start || candidate.start >= taken.end)) {
      chosen.push(candidate);
    }
  }

  return chosen.map(({ start, end, period }) => {
    const cycleSteps = calls.slice(start, end);
    const sequence = cycleSteps.slice(0, period).map(toolNameOf);
    const repeats = Math.floor((end - start) / period);
    return buildFinding(cycleDetector, {
      severity: repeats >= settings.cycleMinRepeats * 2 ? "high" : "medium",
      key: `${sequence.join(">")}:${cycleSteps[0]?.id ?? ""}`,
      explanation: `The sequence ${sequence.join(" → ")} repeated ${repeats} times with the same arguments and results, without progress.`,
      stepIds: cycleSteps.map((step) => step.id),
      evidence: { sequence, period, repeats },
    });
  });
}

/** Maps equal values to equal numbers; null becomes a number no other entry has. */
function internAll(values: ReadonlyArray<string | null>): Int32Array {
  const ids = new Map<string, number>();
  const result = new Int32Array(values.length);
  for (const [index, value] of values.entries()) {
    if (value === null) {
      result[index] = -(index + 1);
      continue;
    }
    let id = ids.get(value);
    if (id === undefined) {
      id = ids.size;
      ids.set(value, id);
    }
    result[index] = id;
  }
  return result;
}

function findRepeatingStretches(
  values: Int32Array,
  maxPeriod: number,
  minRepeats: number,
  requireMixedBlock: boolean,
): Stretch[] {
  const stretches: Stretch[] = [];
  for (let period = 2; period <= maxPeriod; period++) {
    let matchStart = -1;
    for (let index = period; index <= values.length; index++) {
      const matches = index < values.length && values[index] === values[index - period];
      if (matches && matchStart < 0) matchStart = index;
      if (matches || matchStart < 0) continue;
      const stretch = { start: matchStart - period, end: index, period };
      matchStart = -1;
      if ((stretch.end - stretch.start) / period < minRepeats) continue;
      if (requireMixedBlock && new Set(values.subarray(stretch.start, stretch.start + period)).size < 2) continue;
      stretches.push(stretch);
    }
  }
  return stretches;
}
