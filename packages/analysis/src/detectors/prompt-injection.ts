import type { RecordedStep } from "@loupe/schema";
import {
  findInstructionLikeText,
  mayContainInstructions,
  type InstructionMatch,
} from "../normalize/instruction-patterns.ts";
import { isToolCall, toolNameOf } from "../normalize/steps.ts";
import type { Detector, Finding, PreparedContext } from "../types.ts";
import { buildFinding } from "./build-finding.ts";

/**
 * Instruction-like text (override phrases, role markers, tool-call directives) in what a tool or
 * retrieval returned, that a later LLM call then received in its prompt. Text that stayed in the
 * tool output is a risk, not yet an injection, so it is not flagged.
 */
export const promptInjectionDetector: Detector = {
  id: "prompt-injection",
  version: 1,
  kind: "prompt_injection",
  detect: detectPromptInjection,
};

function detectPromptInjection({ steps }: PreparedContext): Finding[] {
  const findings: Finding[] = [];
  let llmInputs: Array<{ step: RecordedStep; position: number; text: string }> | null = null;

  for (const [sourceAt, source] of steps.entries()) {
    if (!isToolCall(source) || source.output === undefined) continue;
    const matches = findInstructionLikeText(collectSuspiciousText(source.output));
    if (matches.length === 0) continue;
    // Serialize LLM inputs only once, and only for runs that have a suspicious output at all.
    llmInputs ??= steps.flatMap((step, position) =>
      step.kind === "llm" ? [{ step, position, text: decodeEscapes(JSON.stringify(step.input) ?? "") }] : [],
    );
    const receiver = llmInputs.find(
      ({ position, text }) => position > sourceAt && matches.some((match) => text.includes(match.text)),
    );
    if (!receiver) continue;
    findings.push(
      buildFinding(promptInjectionDetector, {
        severity: "critical",
        key: source.id,
        explanation: `${toolNameOf(source)} returned instruction-like text ("${matches[0]?.text ?? ""}") that then reached the prompt of a later LLM call.`,
        stepIds: [source.id, receiver.step.id],
        evidence: { source: toolNameOf(source), patterns: summarize(matches), receiverStepId: receiver.step.id },
      }),
    );
  }
  return findings;
}

/** The string leaves of an output that look like instructions at a glance, joined; cheap for clean outputs. */
function collectSuspiciousText(value: unknown): string {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (typeof node === "string") {
      if (mayContainInstructions(node)) found.push(node);
    } else if (Array.isArray(node)) {
      for (const item of node) visit(item);
    } else if (node !== null && typeof node === "object") {
      for (const item of Object.values(node)) visit(item);
    }
  };
  visit(value);
  return found.join("\n");
}

/** JSON escapes newlines and quotes; patterns are written against the text a model would read. */
function decodeEscapes(text: string): string {
  return text.replace(/\\n/g, "\n").replace(/\\"/g, '"');
}

function summarize(matches: InstructionMatch[]): Array<{ label: string; text: string }> {
  return matches.map(({ label, text }) => ({ label, text }));
}
