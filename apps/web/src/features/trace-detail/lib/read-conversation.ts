import { ChatMessage, LlmInput } from "@loupe/schema";
import { z } from "zod";

/** An llm step's input as a conversation, or null when it is not shaped like one. */
export function readLlmInput(input: unknown): LlmInput | null {
  const parsed = LlmInput.safeParse(input);
  return parsed.success ? parsed.data : null;
}

// Senders record the reply either as the message itself or wrapped as `{ message }`.
const LlmReply = z.union([
  ChatMessage,
  z.object({ message: ChatMessage }).transform(({ message }) => message),
]);

/** An llm step's output as the model's reply, or null when it is not a chat message. */
export function readReply(output: unknown): ChatMessage | null {
  const parsed = LlmReply.safeParse(output);
  return parsed.success ? parsed.data : null;
}
