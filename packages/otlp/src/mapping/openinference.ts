import type { StepKind } from "@loupe/schema";
import { readFlattenedList } from "./flattened-list.ts";
import { isJsonObject, type JsonObject, type JsonValue, readStructured } from "./json-value.ts";
import { mapOpenInferenceConversation } from "./openinference-conversation.ts";
import { readField } from "./openinference-fields.ts";
import type { SpanView } from "./span-view.ts";
import type { StepDraft } from "./step-draft.ts";
import { takeTokenUsage } from "./token-usage.ts";

/** Rerankers reorder retrieved documents and evaluators judge outputs: Loupe's retrieval and validation. */
const SPAN_KINDS: Record<string, StepKind> = {
  LLM: "llm",
  CHAIN: "chain",
  TOOL: "tool",
  RETRIEVER: "retrieval",
  RERANKER: "retrieval",
  EMBEDDING: "embedding",
  AGENT: "agent",
  GUARDRAIL: "guardrail",
  EVALUATOR: "validation",
  PROMPT: "chain",
};

/** `retrieval.documents.N.document.*` and the reranker's document lists, metadata parsed from JSON. */
function takeDocuments(view: SpanView, prefix: string): JsonValue[] | undefined {
  const { items, keys } = readFlattenedList(view.attributes, prefix);
  if (items.length === 0) return undefined;
  view.attributes.consume(...keys);
  return items.map((item) => {
    const document = readField(item, "document");
    const metadata = readStructured(document.metadata);
    return { ...document, ...(metadata === undefined ? {} : { metadata }) };
  });
}

function mapDocuments(view: SpanView, draft: StepDraft): void {
  const query = view.attributes.string("reranker.query");
  const inputDocuments =
    draft.input === undefined ? takeDocuments(view, "reranker.input_documents") : undefined;
  if (inputDocuments) {
    draft.input = { ...(query === undefined ? {} : { query }), documents: inputDocuments };
    view.attributes.consume("reranker.query");
  }
  if (draft.output === undefined) {
    const documents =
      takeDocuments(view, "retrieval.documents") ??
      takeDocuments(view, "reranker.output_documents");
    if (documents) draft.output = { documents };
  }
}

function mapEmbeddings(view: SpanView, draft: StepDraft): void {
  if (draft.input === undefined) {
    const { items, keys } = readFlattenedList(view.attributes, "embedding.embeddings");
    const texts = items.map((item) => readField(item, "embedding").text);
    if (items.length > 0 && texts.every((text) => typeof text === "string")) {
      draft.input = { texts };
      // Only the texts are consumed; vectors stay in the attributes.
      view.attributes.consume(...keys.filter((key) => key.endsWith(".embedding.text")));
    }
  }
}

function takeJsonObject(view: SpanView, ...keys: string[]): JsonObject | undefined {
  for (const key of keys) {
    const value = readStructured(view.attributes.get(key));
    if (isJsonObject(value)) {
      view.attributes.consume(key);
      return value;
    }
  }
  return undefined;
}

/** `input.value` / `output.value`, parsed when their mime type says JSON. */
function takeValue(view: SpanView, name: "input" | "output"): unknown {
  const value = view.attributes.get(`${name}.value`);
  if (value === undefined) return undefined;
  const mimeType = view.attributes.string(`${name}.mime_type`);
  view.attributes.consume(`${name}.value`, `${name}.mime_type`);
  if (mimeType !== "application/json" || typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** OpenInference (Arize Phoenix and its instrumentations) flattened attributes. */
export function mapOpenInferenceSpan(view: SpanView, draft: StepDraft): void {
  const { attributes } = view;
  const spanKind = attributes.string("openinference.span.kind");
  draft.kind ??= spanKind === undefined ? undefined : SPAN_KINDS[spanKind.toUpperCase()];
  draft.model ??= attributes.takeString(
    "llm.model_name",
    "embedding.model_name",
    "reranker.model_name",
  );
  draft.provider ??= attributes.takeString("llm.provider", "llm.system");
  draft.modelParameters ??= takeJsonObject(
    view,
    "llm.invocation_parameters",
    "embedding.invocation_parameters",
  );
  draft.agentName ??= attributes.takeString("agent.name");
  draft.usage ??= takeTokenUsage(attributes, {
    input: ["llm.token_count.prompt"],
    output: ["llm.token_count.completion"],
    cached: ["llm.token_count.prompt_details.cache_read"],
    reasoning: ["llm.token_count.completion_details.reasoning"],
  });
  const cost = attributes.number("llm.cost.total");
  if (draft.cost === undefined && cost !== undefined && cost >= 0) {
    draft.cost = cost;
    attributes.consume("llm.cost.total");
  }
  const toolName = attributes.string("tool.name");
  if (draft.tool === undefined && toolName !== undefined) {
    const callId = attributes.takeString("tool_call.id", "tool.id");
    draft.tool = { name: toolName, ...(callId ? { callId } : {}) };
    attributes.consume("tool.name");
  }
  mapOpenInferenceConversation(view, draft);
  mapDocuments(view, draft);
  mapEmbeddings(view, draft);
  if (draft.input === undefined) draft.input = takeValue(view, "input");
  if (draft.output === undefined) draft.output = takeValue(view, "output");
}
