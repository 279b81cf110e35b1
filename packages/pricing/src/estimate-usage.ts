import { LlmInput, LlmOutput } from "@loupe/schema";
import { countMessageBody, countMessages, toJsonText } from "./count-messages.ts";
import { createTextCounter, type TextCounter } from "./count-text.ts";
import { selectEncoding } from "./select-encoding.ts";

export type EstimateUsageInput = { model?: string; input?: unknown; output?: unknown };
export type EstimatedUsage = { input: number; output: number; estimated: true };

function countValue(value: unknown, countText: TextCounter): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === "string") return countText(value);

  const llmInput = LlmInput.safeParse(value);
  if (llmInput.success) {
    const { messages, tools } = llmInput.data;
    return countMessages(messages, countText) + (tools ? countText(toJsonText(tools)) : 0);
  }
  // A completion is billed for its body only: the framing belongs to the prompt.
  const llmOutput = LlmOutput.safeParse(value);
  if (llmOutput.success) return countMessageBody(llmOutput.data.message, countText);

  return countText(toJsonText(value));
}

/**
 * Token usage for a step whose sender reported none: an llm step's conversation and tool
 * definitions, or its completion, are counted as chat; anything else as its JSON text.
 * Input and output each get their own exact-counting budget.
 */
export function estimateUsage({ model, input, output }: EstimateUsageInput): EstimatedUsage {
  const encoding = selectEncoding(model);
  return {
    input: countValue(input, createTextCounter(encoding)),
    output: countValue(output, createTextCounter(encoding)),
    estimated: true,
  };
}
