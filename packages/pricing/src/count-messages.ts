import type { ChatMessage, ToolCall } from "@loupe/schema";
import type { TextCounter } from "./count-text.ts";

// OpenAI's accounting for chat models (openai-cookbook, "How to count tokens with tiktoken"):
// every message is wrapped in three tokens, a name costs one more, and the reply is primed with three.
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const REPLY_PRIMING_TOKENS = 3;

/** JSON values and definitions are counted as the JSON text a provider would receive. */
export function toJsonText(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(value) ?? "";
}

function countToolCalls(
  toolCalls: readonly ToolCall[] | undefined,
  countText: TextCounter,
): number {
  let tokens = 0;
  for (const call of toolCalls ?? []) {
    tokens += countText(call.name) + countText(toJsonText(call.arguments));
  }
  return tokens;
}

/** The tokens a message's body takes: its content and any tool calls, without the chat framing. */
export function countMessageBody(message: ChatMessage, countText: TextCounter): number {
  return countText(message.content ?? "") + countToolCalls(message.toolCalls, countText);
}

/** The prompt tokens of a conversation, framing included. */
export function countMessages(messages: readonly ChatMessage[], countText: TextCounter): number {
  let tokens = REPLY_PRIMING_TOKENS;
  for (const message of messages) {
    tokens += TOKENS_PER_MESSAGE + countText(message.role) + countMessageBody(message, countText);
    if (message.name) tokens += countText(message.name) + TOKENS_PER_NAME;
  }
  return tokens;
}
