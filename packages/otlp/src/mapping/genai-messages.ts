import type { ChatMessage, LlmInput, LlmOutput, MessageRole, ToolDefinition } from "@loupe/schema";
import type { OtlpSpanEvent } from "../decode/otlp-trace-export.ts";
import {
  type Conversion,
  convertMessage,
  convertMessages,
  convertOutputMessages,
  convertSystemInstructions,
} from "./chat-messages.ts";
import { readFlattenedList } from "./flattened-list.ts";
import { isJsonObject, type JsonObject, type JsonValue, readStructured } from "./json-value.ts";
import { readEventAttributes, type SpanView } from "./span-view.ts";
import type { StepDraft } from "./step-draft.ts";
import { convertToolDefinitions } from "./tool-definitions.ts";

/** A conversion and how to consume its source; a source is consumed only when nothing was lost. */
type Found<T> = Conversion<T> & { consume: () => void; finishReasons?: JsonValue[] };

function settle<T>(found: Found<T> | undefined): T | undefined {
  if (found?.isComplete) found.consume();
  return found?.value;
}

function fromAttribute<T>(
  view: SpanView,
  key: string,
  convert: (raw: JsonValue[]) => Conversion<T> | undefined,
): Found<T> | undefined {
  const raw = readStructured(view.attributes.get(key));
  const items = Array.isArray(raw) ? raw : isJsonObject(raw) ? [raw] : undefined;
  const converted = items && convert(items);
  return (
    converted && {
      ...converted,
      consume: () => view.attributes.consume(key),
      finishReasons: items.map(readFinishReason),
    }
  );
}

function fromFlattened<T>(
  view: SpanView,
  prefix: string,
  convert: (raw: JsonValue[]) => Conversion<T> | undefined,
): Found<T> | undefined {
  const { items, keys } = readFlattenedList(view.attributes, prefix);
  const converted = items.length > 0 ? convert(items) : undefined;
  return (
    converted && {
      ...converted,
      consume: () => view.attributes.consume(...keys),
      finishReasons: items.map(readFinishReason),
    }
  );
}

function readFinishReason(raw: JsonValue): JsonValue {
  return isJsonObject(raw) ? (raw.finish_reason ?? raw.finishReason ?? null) : null;
}

/** A GenAI event's body: Azure-style `gen_ai.event.content` JSON, else the event attributes themselves. */
function readEventBody(event: OtlpSpanEvent): JsonObject {
  const attributes = readEventAttributes(event);
  const content = readStructured(attributes["gen_ai.event.content"]);
  const body = isJsonObject(content) ? content : attributes;
  const toolCalls = readStructured(body.tool_calls);
  return toolCalls === undefined ? body : { ...body, tool_calls: toolCalls };
}

const MESSAGE_EVENT_ROLES: Record<string, MessageRole> = {
  "gen_ai.system.message": "system",
  "gen_ai.user.message": "user",
  "gen_ai.assistant.message": "assistant",
  "gen_ai.tool.message": "tool",
};

/** The per-message events of GenAI conventions up to v1.36: one event per input message. */
function fromMessageEvents(view: SpanView): Found<ChatMessage[]> | undefined {
  const events = view.events.named(...Object.keys(MESSAGE_EVENT_ROLES));
  if (events.length === 0) return undefined;
  const messages: ChatMessage[] = [];
  let isComplete = true;
  for (const event of events) {
    const converted = convertMessage(
      readEventBody(event),
      MESSAGE_EVENT_ROLES[event.name] ?? "user",
    );
    messages.push(...(converted?.value ?? []));
    isComplete &&= converted?.isComplete ?? false;
  }
  return { value: messages, isComplete, consume: () => view.events.consume(events) };
}

/** `gen_ai.choice` events: one per choice, the message under `message`. */
function fromChoiceEvents(view: SpanView): Found<ChatMessage> | undefined {
  const events = view.events.named("gen_ai.choice");
  const bodies = events.map(readEventBody);
  const choices = bodies.map((body) => {
    const message = readStructured(body.message);
    return isJsonObject(message) ? message : body;
  });
  const converted = convertOutputMessages(choices);
  return (
    converted && {
      ...converted,
      consume: () => view.events.consume(events),
      finishReasons: bodies.map(readFinishReason),
    }
  );
}

/**
 * Newest convention first: the `gen_ai.input.messages` attribute, per-message events, OpenLLMetry's
 * flattened `gen_ai.prompt.N.*`, then the deprecated `gen_ai.prompt` JSON list.
 */
function readInputMessages(view: SpanView): Found<ChatMessage[]> | undefined {
  const toMessages = (raw: JsonValue[]) => convertMessages(raw, "user");
  return (
    fromAttribute(view, "gen_ai.input.messages", toMessages) ??
    fromMessageEvents(view) ??
    fromFlattened(view, "gen_ai.prompt", toMessages) ??
    fromAttribute(view, "gen_ai.prompt", toMessages)
  );
}

function readOutputMessage(view: SpanView): Found<ChatMessage> | undefined {
  return (
    fromAttribute(view, "gen_ai.output.messages", convertOutputMessages) ??
    fromChoiceEvents(view) ??
    fromFlattened(view, "gen_ai.completion", convertOutputMessages) ??
    fromAttribute(view, "gen_ai.completion", convertOutputMessages)
  );
}

function readSystemInstructions(view: SpanView): Found<ChatMessage> | undefined {
  const key = "gen_ai.system_instructions";
  const converted = convertSystemInstructions(readStructured(view.attributes.get(key)));
  return converted && { ...converted, consume: () => view.attributes.consume(key) };
}

/** `gen_ai.tool.definitions`, or OpenLLMetry's flattened `llm.request.functions.N.*`. */
function readToolDefinitions(view: SpanView): Found<ToolDefinition[]> | undefined {
  return (
    fromAttribute(view, "gen_ai.tool.definitions", convertToolDefinitions) ??
    fromFlattened(view, "llm.request.functions", convertToolDefinitions)
  );
}

function recordFinishReasons(
  view: SpanView,
  draft: StepDraft,
  finishReasons: JsonValue[] | undefined,
): void {
  const key = "gen_ai.response.finish_reasons";
  const known = finishReasons?.filter((reason) => reason !== null) ?? [];
  if (known.length > 0 && view.attributes.get(key) === undefined)
    draft.derivedAttributes[key] = known;
}

/**
 * The conversation of a GenAI span, from wherever the instrumentation put it: the JSON attributes of
 * current conventions, per-message events, or the older flattened `gen_ai.prompt.N.*` attributes.
 */
export function mapGenAiMessages(view: SpanView, draft: StepDraft): void {
  if (draft.input === undefined) {
    const system = readSystemInstructions(view);
    const found = readInputMessages(view);
    if (system || found) {
      const tools = settle(readToolDefinitions(view));
      const messages = [...(system ? [system.value] : []), ...(found?.value ?? [])];
      settle(system);
      settle(found);
      draft.input = (tools ? { messages, tools } : { messages }) satisfies LlmInput;
    }
  }
  if (draft.output === undefined) {
    const found = readOutputMessage(view);
    const message = settle(found);
    if (message) {
      recordFinishReasons(view, draft, found?.finishReasons);
      draft.output = { message } satisfies LlmOutput;
    }
  }
}
