import type { ChatMessage, MessageRole, ToolCall } from "@loupe/schema";
import { readListItems } from "./flattened-list.ts";
import { isJsonObject, type JsonObject, type JsonValue, readStructured } from "./json-value.ts";

/** A converted value, and whether it holds everything the source did (if not, the source is kept too). */
export type Conversion<T> = { value: T; isComplete: boolean };

const ROLES: Record<string, MessageRole> = {
  system: "system",
  developer: "system",
  user: "user",
  human: "user",
  assistant: "assistant",
  model: "assistant",
  ai: "assistant",
  tool: "tool",
  function: "tool",
};

function readText(value: JsonValue | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function toContentText(value: JsonValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

function readRole(value: JsonValue | undefined, fallback: MessageRole): Conversion<MessageRole> {
  if (value === undefined || value === null) return { value: fallback, isComplete: true };
  const role = typeof value === "string" ? ROLES[value.toLowerCase()] : undefined;
  return role ? { value: role, isComplete: true } : { value: fallback, isComplete: false };
}

/** OpenAI-style `{ id, function: { name, arguments } }` or flat `{ id, name, arguments }`. */
function readToolCall(raw: JsonValue): ToolCall | undefined {
  if (!isJsonObject(raw)) return undefined;
  const call = isJsonObject(raw.function) ? raw.function : raw;
  const name = readText(call.name);
  if (name === undefined) return undefined;
  return { id: readText(raw.id) ?? "", name, arguments: readStructured(call.arguments) ?? null };
}

function buildMessage(
  role: MessageRole,
  content: string | null,
  fields: Omit<ChatMessage, "role" | "content">,
): ChatMessage {
  return {
    role,
    content,
    ...(fields.name ? { name: fields.name } : {}),
    ...(fields.toolCalls?.length ? { toolCalls: fields.toolCalls } : {}),
    ...(fields.toolCallId ? { toolCallId: fields.toolCallId } : {}),
  };
}

/** GenAI semantic-convention parts: text, tool_call and tool_call_response; any other part is not representable. */
function convertParts(
  role: MessageRole,
  parts: JsonValue[],
  name: string | undefined,
): Conversion<ChatMessage[]> {
  const texts: string[] = [];
  const toolCalls: ToolCall[] = [];
  const responses: ChatMessage[] = [];
  let isComplete = true;
  for (const part of parts) {
    const type = isJsonObject(part) ? part.type : undefined;
    const text = isJsonObject(part) ? readText(part.content) : undefined;
    const toolCall = type === "tool_call" ? readToolCall(part) : undefined;
    if (type === "text" && text !== undefined) texts.push(text);
    else if (toolCall) toolCalls.push(toolCall);
    else if (type === "tool_call_response" && isJsonObject(part)) {
      const content = toContentText(part.response ?? part.result);
      responses.push(buildMessage("tool", content, { toolCallId: readText(part.id) }));
    } else isComplete = false;
  }
  const messages =
    texts.length > 0 || toolCalls.length > 0 || responses.length === 0
      ? [buildMessage(role, texts.length > 0 ? texts.join("\n") : null, { name, toolCalls })]
      : [];
  return { value: [...messages, ...responses], isComplete };
}

/** `content` as a string, or as a list of `{ type: "text", text | content }` parts. */
function convertContent(content: JsonValue | undefined): Conversion<string | null> {
  if (!Array.isArray(content)) return { value: toContentText(content), isComplete: true };
  const texts: string[] = [];
  let isComplete = true;
  for (const part of content) {
    const text =
      isJsonObject(part) && part.type === "text"
        ? (readText(part.text) ?? readText(part.content))
        : undefined;
    if (text === undefined) isComplete = false;
    else texts.push(text);
  }
  return { value: texts.length > 0 ? texts.join("\n") : null, isComplete };
}

function convertChatShape(role: MessageRole, raw: JsonObject): Conversion<ChatMessage[]> {
  const content = convertContent(raw.content);
  const rawCalls = readListItems(raw.tool_calls ?? raw.toolCalls);
  const toolCalls = rawCalls.map(readToolCall).filter((call) => call !== undefined);
  const toolCallId = readText(
    raw.tool_call_id ?? raw.toolCallId ?? (role === "tool" ? raw.id : undefined),
  );
  const message = buildMessage(role, content.value, {
    name: readText(raw.name),
    toolCalls,
    toolCallId,
  });
  return {
    value: [message],
    isComplete: content.isComplete && toolCalls.length === rawCalls.length,
  };
}

/**
 * One message in any of the shapes instrumentations send: GenAI `{ role, parts }`, or chat-API style
 * `{ role, content, tool_calls, tool_call_id, name }`. Tool responses become tool messages of their own.
 */
export function convertMessage(
  raw: JsonValue | undefined,
  defaultRole: MessageRole,
): Conversion<ChatMessage[]> | undefined {
  if (!isJsonObject(raw)) return undefined;
  const role = readRole(raw.role, defaultRole);
  const converted = Array.isArray(raw.parts)
    ? convertParts(role.value, raw.parts, readText(raw.name))
    : convertChatShape(role.value, raw);
  return { value: converted.value, isComplete: converted.isComplete && role.isComplete };
}

export function convertMessages(
  raw: JsonValue[],
  defaultRole: MessageRole,
): Conversion<ChatMessage[]> | undefined {
  const messages: ChatMessage[] = [];
  let isComplete = true;
  for (const item of raw) {
    const converted = convertMessage(item, defaultRole);
    if (!converted) return undefined;
    messages.push(...converted.value);
    isComplete &&= converted.isComplete;
  }
  return { value: messages, isComplete };
}

/** The model's reply; Loupe keeps one, so further choices leave the source in the attributes. */
export function convertOutputMessages(raw: JsonValue[]): Conversion<ChatMessage> | undefined {
  const converted = convertMessages(raw.slice(0, 1), "assistant");
  const message = converted?.value[0];
  if (!converted || !message || converted.value.length !== 1) return undefined;
  return { value: message, isComplete: converted.isComplete && raw.length === 1 };
}

/** `gen_ai.system_instructions`: a string, or a list of parts. */
export function convertSystemInstructions(
  raw: JsonValue | undefined,
): Conversion<ChatMessage> | undefined {
  if (typeof raw === "string") return { value: buildMessage("system", raw, {}), isComplete: true };
  if (!Array.isArray(raw)) return undefined;
  const converted = convertParts("system", raw, undefined);
  const message = converted.value[0];
  if (!message || converted.value.length !== 1 || message.toolCalls) return undefined;
  return { value: message, isComplete: converted.isComplete };
}
