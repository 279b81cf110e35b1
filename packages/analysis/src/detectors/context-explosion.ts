import type { RecordedStep } from "@loupe/schema";
import type { Detector, Finding, PreparedContext } from "../types.ts";
import { buildFinding } from "./build-finding.ts";

const CONTEXT_OVERFLOW = /context[ _-]?(length|window)|maximum context|too many tokens|prompt is too long/i;

/**
 * Input tokens growing call after call toward the model's window: in one agent's conversation with
 * one model, a stretch of LLM calls whose input kept growing that reaches the configured fill ratio,
 * or a call the provider rejected because the context no longer fit.
 */
export const contextExplosionDetector: Detector = {
  id: "context-explosion",
  version: 1,
  kind: "context_explosion",
  detect: detectContextExplosion,
};

function detectContextExplosion({ steps, settings }: PreparedContext): Finding[] {
  const conversations = new Map<string, RecordedStep[]>();
  for (const step of steps) {
    if (step.kind !== "llm") continue;
    const key = `${step.agentName ?? ""}|${step.model ?? step.name}`;
    const calls = conversations.get(key) ?? [];
    calls.push(step);
    conversations.set(key, calls);
  }
  const findings: Finding[] = [];
  for (const [key, calls] of conversations) {
    const model = calls[0]?.model ?? "";
    const window = settings.contextWindows[model] ?? settings.defaultContextWindow;
    let growth: RecordedStep[] = [];
    let previousInput = -1;
    let worst: { growth: RecordedStep[]; peak: number; overflow: RecordedStep | null } | null = null;
    for (const call of calls) {
      const overflowed = call.status === "error" && CONTEXT_OVERFLOW.test(call.statusMessage ?? "");
      const input = call.usage?.input;
      if (overflowed) {
        worst = { growth: [...growth, call], peak: Math.max(previousInput, 0), overflow: call };
        continue;
      }
      if (input === undefined) continue;
      if (input > previousInput && growth.length > 0) growth.push(call);
      else growth = [call];
      previousInput = input;
      const grewEnough = growth.length >= settings.contextGrowthMinCalls;
      if (grewEnough && input >= window * settings.contextFillRatio && (!worst || input > worst.peak)) {
        worst = { growth, peak: input, overflow: worst?.overflow ?? null };
      }
    }
    if (!worst) continue;
    const first = worst.growth[0];
    const startInput = first?.usage?.input ?? 0;
    findings.push(
      buildFinding(contextExplosionDetector, {
        severity: worst.overflow ? "high" : "medium",
        key: `${key}:${first?.id ?? ""}`,
        explanation: worst.overflow
          ? `The ${model} context grew from ${startInput} to ${worst.peak} input tokens over ${worst.growth.length} calls until the provider rejected it as too long.`
          : `The ${model} context grew from ${startInput} to ${worst.peak} input tokens over ${worst.growth.length} calls, ${Math.round((worst.peak / window) * 100)}% of its ${window}-token window.`,
        stepIds: worst.growth.map((step) => step.id),
        evidence: {
          model,
          agentName: first?.agentName ?? null,
          startInputTokens: startInput,
          peakInputTokens: worst.peak,
          contextWindow: window,
          calls: worst.growth.length,
          overflowStepId: worst.overflow?.id ?? null,
        },
      }),
    );
  }
  return findings;
}
