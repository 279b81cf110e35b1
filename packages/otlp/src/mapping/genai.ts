import type { StepKind } from "@loupe/schema";
import { mapGenAiMessages } from "./genai-messages.ts";
import { type JsonObject, readStructured } from "./json-value.ts";
import type { SpanView } from "./span-view.ts";
import type { StepDraft } from "./step-draft.ts";
import { takeTokenUsage } from "./token-usage.ts";

/**
 * `invoke_workflow` is orchestration rather than one agent: Loupe's `agent` kind marks the boundaries
 * its handoff detection works on, so a workflow is a `chain`.
 */
const OPERATION_KINDS: Record<string, StepKind> = {
  chat: "llm",
  text_completion: "llm",
  generate_content: "llm",
  embeddings: "embedding",
  retrieval: "retrieval",
  execute_tool: "tool",
  create_agent: "agent",
  invoke_agent: "agent",
  invoke_workflow: "chain",
};

/** `gen_ai.request.*` parameters, named in modelParameters by their last segments. */
const REQUEST_PARAMETERS = [
  "temperature",
  "max_tokens",
  "top_p",
  "top_k",
  "frequency_penalty",
  "presence_penalty",
  "stop_sequences",
  "seed",
  "choice.count",
  "encoding_formats",
];

function takeModelParameters(view: SpanView): JsonObject | undefined {
  const entries = REQUEST_PARAMETERS.flatMap((parameter) => {
    const key = `gen_ai.request.${parameter}`;
    const value = view.attributes.get(key);
    if (value === undefined || value === null) return [];
    view.attributes.consume(key);
    return [[parameter.replace(".", "_"), value] as const];
  });
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function mapTool(view: SpanView, draft: StepDraft): void {
  const { attributes } = view;
  const name = attributes.string("gen_ai.tool.name");
  if (draft.tool === undefined && name !== undefined) {
    attributes.consume("gen_ai.tool.name");
    const callId = attributes.takeString("gen_ai.tool.call.id");
    draft.tool = { name, ...(callId ? { callId } : {}) };
  }
  const args = attributes.get("gen_ai.tool.call.arguments");
  if (draft.input === undefined && args !== undefined) {
    draft.input = readStructured(args);
    attributes.consume("gen_ai.tool.call.arguments");
  }
  const result = attributes.get("gen_ai.tool.call.result");
  if (draft.output === undefined && result !== undefined) {
    draft.output = readStructured(result);
    attributes.consume("gen_ai.tool.call.result");
  }
}

function mapRetrieval(view: SpanView, draft: StepDraft): void {
  const { attributes } = view;
  const query = attributes.string("gen_ai.retrieval.query.text");
  if (draft.input === undefined && query !== undefined) {
    draft.input = { query };
    attributes.consume("gen_ai.retrieval.query.text");
  }
  const documents = readStructured(attributes.get("gen_ai.retrieval.documents"));
  if (draft.output === undefined && Array.isArray(documents)) {
    draft.output = { documents };
    attributes.consume("gen_ai.retrieval.documents");
  }
}

/** OpenTelemetry GenAI semantic conventions, current and deprecated names. */
export function mapGenAiSpan(view: SpanView, draft: StepDraft): void {
  const { attributes } = view;
  const operation = attributes.string("gen_ai.operation.name");
  draft.kind ??= operation === undefined ? undefined : OPERATION_KINDS[operation];
  draft.provider ??= attributes.takeString("gen_ai.provider.name", "gen_ai.system");
  // The response model stays in the attributes: it names the exact version that answered.
  draft.model ??=
    attributes.takeString("gen_ai.request.model") ?? attributes.string("gen_ai.response.model");
  draft.modelParameters ??= takeModelParameters(view);
  draft.agentName ??= attributes.takeString("gen_ai.agent.name");
  draft.usage ??= takeTokenUsage(attributes, {
    input: ["gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens"],
    output: ["gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens"],
    cached: ["gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_read_input_tokens"],
    reasoning: ["gen_ai.usage.reasoning.output_tokens", "gen_ai.usage.reasoning_tokens"],
  });
  mapGenAiMessages(view, draft);
  mapTool(view, draft);
  mapRetrieval(view, draft);
}
