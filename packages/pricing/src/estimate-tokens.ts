import type { ChatMessage } from "@loupe/schema";
import { countMessages } from "./count-messages.ts";
import { createTextCounter } from "./count-text.ts";
import { selectEncoding } from "./select-encoding.ts";

export type EstimateTokensInput = {
  model?: string;
  messages?: readonly ChatMessage[];
  text?: string;
};

/** Estimated tokens of a conversation (with chat framing) plus a text, in the model's encoding. */
export function estimateTokens({ model, messages, text }: EstimateTokensInput): number {
  const countText = createTextCounter(selectEncoding(model));
  return (
    (messages ? countMessages(messages, countText) : 0) + (text === undefined ? 0 : countText(text))
  );
}
