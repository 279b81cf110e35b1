import type { ChatMessage, ToolCall } from "@loupe/schema";
import { diffWordsWithSpace } from "diff";
import { isSameJson } from "./canonical-json.ts";

export type TextDiffPart = { kind: "same" | "added" | "removed"; text: string };

export type ToolCallComparison = {
  name: string;
  status: "same" | "changed" | "added" | "removed";
  recordedArguments?: unknown;
  replayedArguments?: unknown;
  /** Dotted paths of the arguments that differ; an array counts as one value. */
  changedKeys: string[];
};

export type OutputComparison = {
  changed: boolean;
  textDiff: TextDiffPart[];
  toolCalls: ToolCallComparison[];
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function listChangedKeys(recorded: unknown, replayed: unknown, prefix = ""): string[] {
  if (!isPlainObject(recorded) || !isPlainObject(replayed))
    return isSameJson(recorded, replayed) ? [] : [prefix];
  const keys = [...new Set([...Object.keys(recorded), ...Object.keys(replayed)])].sort();
  return keys.flatMap((key) =>
    listChangedKeys(recorded[key], replayed[key], prefix ? `${prefix}.${key}` : key),
  );
}

/** Pairs the n-th recorded call of a tool with the n-th replayed call of the same tool. */
function compareToolCalls(recorded: ToolCall[], replayed: ToolCall[]): ToolCallComparison[] {
  const unmatched = [...replayed];
  const comparisons: ToolCallComparison[] = recorded.map((call) => {
    const matchIndex = unmatched.findIndex((candidate) => candidate.name === call.name);
    const [match] = matchIndex === -1 ? [] : unmatched.splice(matchIndex, 1);
    if (!match)
      return {
        name: call.name,
        status: "removed",
        recordedArguments: call.arguments,
        changedKeys: [],
      };
    const changedKeys = listChangedKeys(call.arguments, match.arguments);
    return {
      name: call.name,
      status: changedKeys.length > 0 ? "changed" : "same",
      recordedArguments: call.arguments,
      replayedArguments: match.arguments,
      changedKeys,
    };
  });
  const added = unmatched.map((call): ToolCallComparison => ({
    name: call.name,
    status: "added",
    replayedArguments: call.arguments,
    changedKeys: [],
  }));
  return [...comparisons, ...added];
}

/** What a replay changed in the assistant's reply: its words and its tool calls. */
export function compareOutputs(recorded: ChatMessage, replayed: ChatMessage): OutputComparison {
  const textDiff = diffWordsWithSpace(recorded.content ?? "", replayed.content ?? "").map(
    (part): TextDiffPart => ({
      kind: part.added ? "added" : part.removed ? "removed" : "same",
      text: part.value,
    }),
  );
  const toolCalls = compareToolCalls(recorded.toolCalls ?? [], replayed.toolCalls ?? []);
  return {
    changed:
      textDiff.some((part) => part.kind !== "same") ||
      toolCalls.some((call) => call.status !== "same"),
    textDiff,
    toolCalls,
  };
}

type UsageSide = { inputTokens?: number; outputTokens?: number; cost?: number; latencyMs?: number };

/** Replayed minus recorded, per measure; null where either side did not report it. */
export type UsageDelta = {
  inputTokens: number | null;
  outputTokens: number | null;
  cost: number | null;
  latencyMs: number | null;
};

export function usageDelta(sides: { recorded: UsageSide; replayed: UsageSide }): UsageDelta {
  const subtract = (measure: keyof UsageSide): number | null => {
    const before = sides.recorded[measure];
    const after = sides.replayed[measure];
    return before === undefined || after === undefined ? null : after - before;
  };
  return {
    inputTokens: subtract("inputTokens"),
    outputTokens: subtract("outputTokens"),
    cost: subtract("cost"),
    latencyMs: subtract("latencyMs"),
  };
}
