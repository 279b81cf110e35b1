import { z } from "zod";

/** The kinds of node an agent run is made of. */
export const StepKind = z.enum([
  "agent",
  "llm",
  "tool",
  "retrieval",
  "embedding",
  "chain",
  "handoff",
  "human",
  "guardrail",
  "validation",
  "event",
]);
export type StepKind = z.infer<typeof StepKind>;

export const StepStatus = z.enum(["running", "ok", "error"]);
export type StepStatus = z.infer<typeof StepStatus>;

export const TraceStatus = z.enum(["running", "ok", "error"]);
export type TraceStatus = z.infer<typeof TraceStatus>;

/** What detectors flag; the ids are stable because alert rules and filters refer to them. */
export const FindingKind = z.enum([
  "repeated_call",
  "cycle",
  "retry_storm",
  "ignored_failure",
  "tool_output_drift",
  "side_effect_fanout",
  "handoff_ping_pong",
  "context_explosion",
  "cost_spike",
  "token_spike",
  "latency_outlier",
  "budget_exceeded",
  "step_runaway",
  "prompt_injection",
  "plan_drift",
]);
export type FindingKind = z.infer<typeof FindingKind>;

export const Severity = z.enum(["info", "low", "medium", "high", "critical"]);
export type Severity = z.infer<typeof Severity>;

export const ScoreSource = z.enum(["api", "human", "validator", "detector"]);
export type ScoreSource = z.infer<typeof ScoreSource>;

export const MessageRole = z.enum(["system", "user", "assistant", "tool"]);
export type MessageRole = z.infer<typeof MessageRole>;

export const ToolCall = z.object({
  id: z.string(),
  name: z.string(),
  /** Arguments as the model produced them: usually a JSON object. */
  arguments: z.unknown(),
});
export type ToolCall = z.infer<typeof ToolCall>;

/** One message of a conversation, provider-neutral. */
export const ChatMessage = z.object({
  role: MessageRole,
  content: z.string().nullable(),
  name: z.string().optional(),
  toolCalls: z.array(ToolCall).optional(),
  toolCallId: z.string().optional(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const ToolDefinition = z.object({
  name: z.string(),
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
});
export type ToolDefinition = z.infer<typeof ToolDefinition>;

/** The input of an LLM step: the conversation sent, and the tools offered. */
export const LlmInput = z.object({
  messages: z.array(ChatMessage),
  tools: z.array(ToolDefinition).optional(),
});
export type LlmInput = z.infer<typeof LlmInput>;

export const TokenUsage = z.object({
  input: z.number().int().nonnegative(),
  output: z.number().int().nonnegative(),
  cached: z.number().int().nonnegative().default(0),
  reasoning: z.number().int().nonnegative().default(0),
  /** True when Loupe counted the tokens itself because the sender reported none. */
  estimated: z.boolean().default(false),
});
export type TokenUsage = z.infer<typeof TokenUsage>;

export const JsonObject = z.record(z.string(), z.unknown());
export type JsonObject = z.infer<typeof JsonObject>;

/** The output of an llm step: the assistant's message, with any tool calls it made. */
export const LlmOutput = z.object({ message: ChatMessage });
export type LlmOutput = z.infer<typeof LlmOutput>;
