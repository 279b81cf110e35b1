import type { ChatMessage } from "@loupe/schema";
import { describeFirstDifference, excerptText, measureWordOverlap } from "./message-text.ts";
import type { PromptConfig } from "./prompt-template.ts";
import type { ReplayRequest } from "./replay-request.ts";

/** A run of messages in a conversation; `end` is exclusive, as in `Array.prototype.slice`. */
export type MessageRange = { start: number; end: number };

export type RebuildResult =
  { ok: true; request: ReplayRequest; replaced: MessageRange } | { ok: false; reason: string };

function isSameMessage(recorded: ChatMessage | undefined, rendered: ChatMessage): boolean {
  return recorded?.role === rendered.role && recorded.content === rendered.content;
}

/**
 * Where the messages a prompt version rendered sit in a recorded conversation: the first place
 * they appear together and in order, compared by role and content. Usually the prefix, but an app
 * may put history or a preamble first.
 */
export function locatePromptMessages(
  messages: ChatMessage[],
  rendered: ChatMessage[],
): MessageRange | null {
  if (rendered.length === 0) return null;
  for (let start = 0; start + rendered.length <= messages.length; start++) {
    if (rendered.every((message, offset) => isSameMessage(messages[start + offset], message)))
      return { start, end: start + rendered.length };
  }
  return null;
}

/** The recorded message most like `rendered`: same role first, then the most words in common. */
function findClosestMessage(messages: ChatMessage[], rendered: ChatMessage): number | null {
  let best: { index: number; score: number } | null = null;
  for (const [index, message] of messages.entries()) {
    const score =
      (message.role === rendered.role ? 1 : 0) +
      measureWordOverlap(message.content, rendered.content);
    if (!best || score > best.score) best = { index, score };
  }
  return best?.index ?? null;
}

function explainUnlocatedRendering(messages: ChatMessage[], rendered: ChatMessage[]): string {
  if (rendered.length === 0) return "The prompt version rendered no messages.";
  const missingIndex = rendered.findIndex(
    (message) => !messages.some((recorded) => isSameMessage(recorded, message)),
  );
  const missing = rendered[missingIndex];
  if (!missing)
    return "Every rendered message appears in the recorded conversation, but not together and in the same order.";
  const intro = `Rendered message ${missingIndex} (${missing.role}) ${excerptText(missing.content)} does not appear in the recorded conversation`;
  const closestIndex = findClosestMessage(messages, missing);
  const closest = closestIndex === null ? undefined : messages[closestIndex];
  if (closestIndex === null || !closest) return `${intro}, which is empty.`;
  return `${intro}; the closest is recorded message ${closestIndex} (${closest.role}), which differs ${describeFirstDifference(closest.content, missing.content)}.`;
}

/**
 * The recorded request with the messages the recorded prompt version rendered replaced by what
 * another version renders. History, tool results and everything else stay as recorded; the new
 * version's model and tools replace the recorded ones, and its parameters override the recorded
 * ones key by key, so a version that only sets temperature keeps the recorded max_tokens.
 */
export function rebuildWithPromptVersion(options: {
  recorded: ReplayRequest;
  recordedRendering: ChatMessage[];
  newRendering: ChatMessage[];
  newConfig?: PromptConfig;
}): RebuildResult {
  const { recorded, recordedRendering, newRendering, newConfig = {} } = options;
  const replaced = locatePromptMessages(recorded.messages, recordedRendering);
  if (!replaced)
    return { ok: false, reason: explainUnlocatedRendering(recorded.messages, recordedRendering) };
  return {
    ok: true,
    replaced,
    request: {
      ...recorded,
      model: newConfig.model ?? recorded.model,
      tools: newConfig.tools ?? recorded.tools,
      parameters: { ...recorded.parameters, ...newConfig.parameters },
      messages: [
        ...recorded.messages.slice(0, replaced.start),
        ...newRendering,
        ...recorded.messages.slice(replaced.end),
      ],
    },
  };
}
