import type { RecordedStep } from "@loupe/schema";
import { detectFindings } from "../detect-findings.ts";
import type { AnalysisSettings } from "../settings.ts";
import type { DetectorContext, Finding } from "../types.ts";

type StepDraft = Partial<RecordedStep> & { name: string };

/** Small hand-built runs: ids s1, s2…, one second apart, tool steps unless told otherwise. */
export function buildSteps(drafts: StepDraft[]): RecordedStep[] {
  return drafts.map((draft, index) => {
    const kind = draft.kind ?? "tool";
    return {
      id: `s${index + 1}`,
      parentId: null,
      status: "ok",
      startTime: new Date(index * 1_000),
      endTime: new Date(index * 1_000 + 500),
      attributes: {},
      ...(kind === "tool" || kind === "retrieval" || kind === "handoff" ? { tool: { name: draft.name } } : {}),
      ...draft,
      kind,
    };
  });
}

export function llmStep(inputTokens: number, extra: Partial<RecordedStep> = {}): StepDraft {
  return {
    kind: "llm",
    name: "chat gpt-4o",
    model: "gpt-4o",
    usage: { input: inputTokens, output: 20, cached: 0, reasoning: 0, estimated: false },
    input: { messages: [{ role: "user", content: `turn with ${inputTokens} tokens` }] },
    output: { message: { role: "assistant", content: "ok" } },
    ...extra,
  };
}

export function findKinds(
  steps: RecordedStep[],
  options: {
    trace?: DetectorContext["trace"];
    settings?: Partial<AnalysisSettings>;
    history?: DetectorContext["history"];
  } = {},
): Finding[] {
  return detectFindings({
    steps,
    trace: options.trace ?? { name: "test-agent", status: "ok" },
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.history ? { history: options.history } : {}),
  });
}

export function kindsOf(findings: Finding[]): string[] {
  return [...new Set(findings.map((finding) => finding.kind))].sort();
}
