import type { ChatMessage, JsonObject, ToolDefinition } from "@loupe/schema";
import { z } from "zod";
import { joinUrl, parseToolArguments, type ProviderAdapter } from "./provider-adapter.ts";

const ANTHROPIC_VERSION = "2023-06-01";
// The Messages API requires max_tokens; this is what a replay uses when the recording has none.
const DEFAULT_MAX_TOKENS = 1024;

const AnthropicResponse = z.object({
  content: z.array(
    z.union([
      z.object({ type: z.literal("text"), text: z.string() }),
      z.object({
        type: z.literal("tool_use"),
        id: z.string(),
        name: z.string(),
        input: z.unknown(),
      }),
      // Thinking and other block kinds carry nothing a comparison uses.
      z.object({ type: z.string() }),
    ]),
  ),
  usage: z.object({ input_tokens: z.number(), output_tokens: z.number() }).optional(),
});

type ContentBlock = Record<string, unknown>;
type AnthropicMessage = { role: "user" | "assistant"; content: ContentBlock[] };

function toContentBlocks(message: ChatMessage): ContentBlock[] {
  if (message.role === "tool")
    return [
      { type: "tool_result", tool_use_id: message.toolCallId, content: message.content ?? "" },
    ];
  // The API rejects empty text blocks, which an assistant turn with only tool calls would produce.
  const text = message.content ? [{ type: "text", text: message.content }] : [];
  const toolUses = (message.toolCalls ?? []).map((call) => ({
    type: "tool_use",
    id: call.id,
    name: call.name,
    input: typeof call.arguments === "string" ? parseToolArguments(call.arguments) : call.arguments,
  }));
  return [...text, ...toolUses];
}

/**
 * System messages move to the top-level `system`; tool results travel in user turns; consecutive
 * turns of one role merge, so parallel tool results land in the single user turn the API expects.
 */
function toAnthropicConversation(messages: ChatMessage[]): {
  system: string | undefined;
  messages: AnthropicMessage[];
} {
  const system: string[] = [];
  const turns: AnthropicMessage[] = [];
  for (const message of messages) {
    if (message.role === "system") {
      if (message.content) system.push(message.content);
      continue;
    }
    const role = message.role === "assistant" ? "assistant" : "user";
    const blocks = toContentBlocks(message);
    const previous = turns.at(-1);
    if (previous?.role === role) previous.content.push(...blocks);
    else turns.push({ role, content: blocks });
  }
  return { system: system.length > 0 ? system.join("\n\n") : undefined, messages: turns };
}

function toAnthropicTool(tool: ToolDefinition) {
  return {
    name: tool.name,
    ...(tool.description ? { description: tool.description } : {}),
    input_schema: tool.parameters ?? { type: "object", properties: {} },
  };
}

/**
 * Only the sampling parameters the Messages API accepts: it rejects unknown fields, and has no
 * seed, so OpenAI-style recordings (seed, presence_penalty...) would otherwise fail with a 400.
 */
function toAnthropicParameters(parameters: JsonObject): JsonObject {
  const { temperature, top_p, top_k, stop } = parameters;
  const stopSequences = typeof stop === "string" ? [stop] : stop;
  return {
    max_tokens: parameters.max_tokens ?? DEFAULT_MAX_TOKENS,
    ...(temperature === undefined ? {} : { temperature }),
    ...(top_p === undefined ? {} : { top_p }),
    ...(top_k === undefined ? {} : { top_k }),
    ...(stopSequences === undefined ? {} : { stop_sequences: stopSequences }),
  };
}

export const anthropicAdapter: ProviderAdapter = {
  describe: "Anthropic",
  buildHttpRequest(config, request) {
    const conversation = toAnthropicConversation(request.messages);
    return {
      url: joinUrl(config.baseUrl, "/v1/messages"),
      headers: {
        "content-type": "application/json",
        "x-api-key": config.apiKey,
        "anthropic-version": ANTHROPIC_VERSION,
      },
      body: {
        model: request.model,
        ...toAnthropicParameters(request.parameters),
        ...(conversation.system === undefined ? {} : { system: conversation.system }),
        messages: conversation.messages,
        ...(request.tools.length > 0 ? { tools: request.tools.map(toAnthropicTool) } : {}),
      },
    };
  },
  parseResponse(body) {
    const response = AnthropicResponse.parse(body);
    const text: string[] = [];
    const toolCalls: NonNullable<ChatMessage["toolCalls"]> = [];
    for (const block of response.content) {
      if ("text" in block) text.push(block.text);
      else if ("input" in block)
        toolCalls.push({ id: block.id, name: block.name, arguments: block.input });
    }
    return {
      message: {
        role: "assistant",
        content: text.length > 0 ? text.join("") : null,
        ...(toolCalls.length > 0 ? { toolCalls } : {}),
      },
      usage: {
        input: response.usage?.input_tokens ?? 0,
        output: response.usage?.output_tokens ?? 0,
      },
    };
  },
};
