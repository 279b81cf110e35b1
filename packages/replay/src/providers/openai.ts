import type { ChatMessage, JsonObject, ToolDefinition } from "@loupe/schema";
import { z } from "zod";
import { joinUrl, parseToolArguments, type ProviderAdapter } from "./provider-adapter.ts";

const OpenAiResponse = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullable().optional(),
          tool_calls: z
            .array(
              z.object({
                id: z.string(),
                function: z.object({ name: z.string(), arguments: z.string() }),
              }),
            )
            .nullable()
            .optional(),
        }),
      }),
    )
    .min(1),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number() }).optional(),
});

function toOpenAiMessage(message: ChatMessage): Record<string, unknown> {
  if (message.role === "tool")
    return { role: "tool", content: message.content ?? "", tool_call_id: message.toolCallId };
  const toolCalls = message.toolCalls ?? [];
  return {
    role: message.role,
    content: message.content,
    ...(message.name ? { name: message.name } : {}),
    ...(toolCalls.length > 0
      ? {
          tool_calls: toolCalls.map((call) => ({
            id: call.id,
            type: "function",
            function: {
              name: call.name,
              arguments:
                typeof call.arguments === "string"
                  ? call.arguments
                  : JSON.stringify(call.arguments),
            },
          })),
        }
      : {}),
  };
}

function toOpenAiTool(tool: ToolDefinition) {
  return {
    type: "function",
    function: {
      name: tool.name,
      ...(tool.description ? { description: tool.description } : {}),
      ...(tool.parameters ? { parameters: tool.parameters } : {}),
    },
  };
}

/** Sampling settings OpenAI's reasoning models refuse: they sample only with their defaults. */
const FIXED_FOR_REASONING_MODELS = ["temperature", "top_p", "presence_penalty", "frequency_penalty", "logprobs", "top_logprobs", "logit_bias"];

/** OpenAI's reasoning models: the o-series and GPT-5 (but not its chat variant, which samples as usual). */
function isReasoningModel(model: string): boolean {
  return /^o\d/.test(model) || (model.startsWith("gpt-5") && !model.includes("chat"));
}

/**
 * The recorded parameters as Chat Completions takes them. A reasoning model refuses `max_tokens`
 * (it counts `max_completion_tokens`, which includes its reasoning) and any sampling setting other
 * than its default, so a replay sends the one renamed and leaves the others out, as the recording
 * SDK must have. A recorded `stream: true` would turn the answer into server-sent events this
 * parser cannot read.
 */
function toOpenAiParameters(model: string, parameters: JsonObject): JsonObject {
  const { stream: _stream, ...sent } = parameters;
  if (!isReasoningModel(model)) return sent;
  const { max_tokens: maxTokens, ...rest } = sent;
  for (const name of FIXED_FOR_REASONING_MODELS) delete rest[name];
  return maxTokens === undefined || rest.max_completion_tokens !== undefined ? rest : { ...rest, max_completion_tokens: maxTokens };
}

export const openAiAdapter: ProviderAdapter = {
  describe: "OpenAI-compatible provider",
  buildHttpRequest(config, request) {
    return {
      url: joinUrl(config.baseUrl, "/chat/completions"),
      headers: { "content-type": "application/json", authorization: `Bearer ${config.apiKey}` },
      body: {
        ...toOpenAiParameters(request.model, request.parameters),
        model: request.model,
        messages: request.messages.map(toOpenAiMessage),
        ...(request.tools.length > 0 ? { tools: request.tools.map(toOpenAiTool) } : {}),
      },
    };
  },
  parseResponse(body) {
    const response = OpenAiResponse.parse(body);
    const reply = response.choices[0]?.message;
    const toolCalls = (reply?.tool_calls ?? []).map((call) => ({
      id: call.id,
      name: call.function.name,
      arguments: parseToolArguments(call.function.arguments),
    }));
    return {
      message: {
        role: "assistant",
        content: reply?.content ?? null,
        ...(toolCalls.length > 0 ? { toolCalls } : {}),
      },
      usage: {
        input: response.usage?.prompt_tokens ?? 0,
        output: response.usage?.completion_tokens ?? 0,
      },
    };
  },
};
