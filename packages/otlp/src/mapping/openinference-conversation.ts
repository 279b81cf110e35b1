import type { ChatMessage, LlmInput, ToolDefinition } from "@loupe/schema";
import { type Conversion, convertMessages, convertOutputMessages } from "./chat-messages.ts";
import { readFlattenedList, readListItems } from "./flattened-list.ts";
import { isJsonObject, type JsonObject } from "./json-value.ts";
import { readField } from "./openinference-fields.ts";
import type { SpanView } from "./span-view.ts";
import type { StepDraft } from "./step-draft.ts";
import { readToolDefinition } from "./tool-definitions.ts";

/** The `message.*` fields toChatShape carries over; a message with others keeps its attributes. */
const MESSAGE_FIELDS = new Set([
  "role",
  "content",
  "contents",
  "tool_calls",
  "tool_call_id",
  "name",
  "function_call_name",
  "function_call_arguments_json",
]);

function hasUnmappedFields(item: JsonObject): boolean {
  const message = readField(item, "message");
  return (
    Object.keys(item).some((key) => key !== "message") ||
    Object.keys(message).some((key) => !MESSAGE_FIELDS.has(key))
  );
}

/** `message.*` of one flattened OpenInference message, in the chat-API shape chat-messages reads. */
function toChatShape(item: JsonObject): JsonObject {
  const message = readField(item, "message");
  const contents = readListItems(message.contents).map((content) => {
    const part = isJsonObject(content) ? readField(content, "message_content") : {};
    return part.type === "text" || part.type === undefined
      ? { type: "text", text: part.text ?? null }
      : part;
  });
  const toolCalls = readListItems(message.tool_calls).map((call) =>
    isJsonObject(call) ? readField(call, "tool_call") : call,
  );
  // The legacy function-call fields are one more tool call.
  if (typeof message.function_call_name === "string") {
    const functionCall = {
      name: message.function_call_name,
      arguments: message.function_call_arguments_json ?? null,
    };
    toolCalls.push({ function: functionCall });
  }
  return {
    ...(message.role === undefined ? {} : { role: message.role }),
    content: message.content ?? (contents.length > 0 ? contents : null),
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    ...(message.tool_call_id === undefined ? {} : { tool_call_id: message.tool_call_id }),
    ...(message.name === undefined ? {} : { name: message.name }),
  };
}

function takeMessageList<T>(
  view: SpanView,
  prefix: string,
  convert: (shapes: JsonObject[]) => Conversion<T> | undefined,
): T | undefined {
  const { items, keys } = readFlattenedList(view.attributes, prefix);
  const converted = items.length > 0 ? convert(items.map(toChatShape)) : undefined;
  if (converted?.isComplete && !items.some(hasUnmappedFields)) view.attributes.consume(...keys);
  return converted?.value;
}

/** Completions-API text: `llm.prompts.N.prompt.text` and `llm.choices.N.completion.text`. */
function readTexts(
  view: SpanView,
  prefix: string,
  part: string,
): { texts: string[]; keys: string[] } | undefined {
  const { items, keys } = readFlattenedList(view.attributes, prefix);
  const texts = items.map((item) => readField(item, part).text);
  if (items.length === 0 || !texts.every((text) => typeof text === "string")) return undefined;
  return { texts, keys };
}

function takeTools(view: SpanView): ToolDefinition[] | undefined {
  const { items, keys } = readFlattenedList(view.attributes, "llm.tools");
  const tools = items.map((item) => {
    const tool = readField(item, "tool");
    return readToolDefinition(tool.json_schema ?? tool);
  });
  if (items.length === 0 || !tools.every((tool) => tool?.isComplete)) return undefined;
  view.attributes.consume(...keys);
  return tools.flatMap((tool) => (tool ? [tool.value] : []));
}

/** The messages, tools and reply of an OpenInference LLM span, from its flattened attributes. */
export function mapOpenInferenceConversation(view: SpanView, draft: StepDraft): void {
  if (draft.input === undefined) {
    let messages = takeMessageList(view, "llm.input_messages", (shapes) =>
      convertMessages(shapes, "user"),
    );
    const prompts = messages ? undefined : readTexts(view, "llm.prompts", "prompt");
    if (prompts) {
      view.attributes.consume(...prompts.keys);
      messages = prompts.texts.map((content): ChatMessage => ({ role: "user", content }));
    }
    if (messages) {
      const tools = takeTools(view);
      draft.input = (tools ? { messages, tools } : { messages }) satisfies LlmInput;
    }
  }
  if (draft.output === undefined) {
    let message = takeMessageList(view, "llm.output_messages", convertOutputMessages);
    const choices = message ? undefined : readTexts(view, "llm.choices", "completion");
    const [choice] = choices?.texts ?? [];
    if (choices && choice !== undefined) {
      // Loupe keeps one reply; further choices stay in the attributes.
      if (choices.texts.length === 1) view.attributes.consume(...choices.keys);
      message = { role: "assistant", content: choice };
    }
    if (message) draft.output = { message };
  }
}
