import { isToolCall, toolNameOf } from "../normalize/steps.ts";
import type { Detector, Finding, PreparedContext } from "../types.ts";
import { buildFinding } from "./build-finding.ts";

/**
 * A side-effecting tool (its name matches a configured pattern such as send_* or delete_*) called
 * more often than allowed in one run, or, with the caller's count of recent calls across runs,
 * more often than allowed in the rate window.
 */
export const sideEffectFanoutDetector: Detector = {
  id: "side-effect-fanout",
  version: 1,
  kind: "side_effect_fanout",
  detect: detectSideEffectFanout,
};

export function compileNamePatterns(patterns: readonly string[]): RegExp {
  const alternatives = patterns.map((pattern) =>
    pattern
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*"),
  );
  return new RegExp(`^(?:${alternatives.join("|")})$`, "i");
}

function detectSideEffectFanout({ steps, settings, history }: PreparedContext): Finding[] {
  if (settings.sideEffectPatterns.length === 0) return [];
  const isSideEffect = compileNamePatterns(settings.sideEffectPatterns);
  const callsByTool = new Map<string, string[]>();
  for (const step of steps) {
    if (!isToolCall(step)) continue;
    const tool = toolNameOf(step);
    if (!isSideEffect.test(tool)) continue;
    const calls = callsByTool.get(tool) ?? [];
    calls.push(step.id);
    callsByTool.set(tool, calls);
  }
  const findings: Finding[] = [];
  for (const [tool, stepIds] of callsByTool) {
    const inWindow = (history.sideEffectCallsInWindow?.[tool] ?? 0) + stepIds.length;
    const overRun = stepIds.length > settings.sideEffectMaxPerRun;
    const overRate = inWindow > settings.sideEffectMaxPerWindow;
    if (!overRun && !overRate) continue;
    findings.push(
      buildFinding(sideEffectFanoutDetector, {
        severity: stepIds.length > settings.sideEffectMaxPerRun * 10 ? "critical" : "high",
        key: tool,
        explanation: overRun
          ? `The side-effecting tool ${tool} was called ${stepIds.length} times in one run (limit ${settings.sideEffectMaxPerRun}).`
          : `The side-effecting tool ${tool} was called ${inWindow} times in the current window across runs (limit ${settings.sideEffectMaxPerWindow}).`,
        stepIds,
        evidence: {
          tool,
          callsInRun: stepIds.length,
          maxPerRun: settings.sideEffectMaxPerRun,
          callsInWindow: inWindow,
          maxPerWindow: settings.sideEffectMaxPerWindow,
        },
      }),
    );
  }
  return findings;
}
