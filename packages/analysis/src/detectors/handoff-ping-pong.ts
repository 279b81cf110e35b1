import type { RecordedStep } from "@loupe/schema";
import type { Detector, Finding, PreparedContext } from "../types.ts";
import { buildFinding } from "./build-finding.ts";

type Handoff = { step: RecordedStep; from: string; to: string };

/**
 * Agents handing the task back and forth: handoffs in a row where each goes back to the agent
 * that just handed off (A→B, B→A, A→B…). A handoff is a step of kind `handoff`, or any step that
 * names `from_agent` and `to_agent` in its attributes.
 */
export const handoffPingPongDetector: Detector = {
  id: "handoff-ping-pong",
  version: 1,
  kind: "handoff_ping_pong",
  detect: detectHandoffPingPong,
};

function detectHandoffPingPong({ steps, settings }: PreparedContext): Finding[] {
  const handoffs = steps.map(readHandoff).filter((handoff) => handoff !== null);
  const chains: Handoff[][] = [];
  let chain: Handoff[] = [];
  for (const handoff of handoffs) {
    const previous = chain.at(-1);
    if (previous && previous.to === handoff.from && previous.from === handoff.to) {
      chain.push(handoff);
    } else {
      if (chain.length > 0) chains.push(chain);
      chain = [handoff];
    }
  }
  if (chain.length > 0) chains.push(chain);

  return chains
    .filter((pingPong) => pingPong.length >= settings.handoffPingPongMin)
    .map((pingPong) => {
      const first = pingPong[0];
      const agents = first ? [first.from, first.to].sort() : [];
      return buildFinding(handoffPingPongDetector, {
        severity: pingPong.length >= settings.handoffPingPongMin * 2 ? "high" : "medium",
        key: `${agents.join("<>")}:${first?.step.id ?? ""}`,
        explanation: `${agents.join(" and ")} handed the task back and forth ${pingPong.length} times without either finishing it.`,
        stepIds: pingPong.map((handoff) => handoff.step.id),
        evidence: { agents, handoffs: pingPong.length },
      });
    });
}

function readHandoff(step: RecordedStep): Handoff | null {
  const from = step.attributes.from_agent ?? (step.kind === "handoff" ? step.agentName : undefined);
  const to = step.attributes.to_agent ?? readAssistant(step.output);
  if (typeof from !== "string" || typeof to !== "string" || from === to) return null;
  if (step.kind !== "handoff" && !("to_agent" in step.attributes)) return null;
  return { step, from, to };
}

function readAssistant(output: unknown): unknown {
  return output !== null && typeof output === "object" && "assistant" in output ? output.assistant : undefined;
}
