import { z } from "zod";
import { JsonObject, StepKind, StepStatus, TokenUsage, TraceStatus } from "./domain.ts";

/**
 * A whole agent run as Loupe stores it: the trace and its steps, provider-neutral.
 * Fixtures produce it, the database layer stores it, and ingestion maps wire formats into it.
 */
export const RecordedStep = z.object({
  id: z.string().min(1).max(128),
  parentId: z.string().min(1).max(128).nullable(),
  kind: StepKind,
  name: z.string().min(1),
  agentName: z.string().optional(),
  status: StepStatus,
  statusMessage: z.string().optional(),
  startTime: z.coerce.date(),
  endTime: z.coerce.date().optional(),
  model: z.string().optional(),
  provider: z.string().optional(),
  modelParameters: JsonObject.optional(),
  prompt: z
    .object({ name: z.string(), version: z.number().int().positive(), variables: JsonObject })
    .optional(),
  tool: z.object({ name: z.string(), version: z.string().optional(), callId: z.string().optional() }).optional(),
  /** For an llm step, an LlmInput; otherwise any JSON the step received. */
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  usage: TokenUsage.optional(),
  /** Cost in USD as the sender reported it; Loupe's own calculation is kept apart. */
  providedCost: z.number().nonnegative().optional(),
  attributes: JsonObject.default({}),
});
export type RecordedStep = z.infer<typeof RecordedStep>;

export const RecordedTrace = z.object({
  id: z.string().min(1).max(128),
  name: z.string().min(1),
  sessionId: z.string().optional(),
  userId: z.string().optional(),
  release: z.string().optional(),
  environment: z.string().default("production"),
  tags: z.array(z.string()).default([]),
  metadata: JsonObject.default({}),
  status: TraceStatus,
  statusMessage: z.string().optional(),
  startTime: z.coerce.date(),
  endTime: z.coerce.date().optional(),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
});
export type RecordedTrace = z.infer<typeof RecordedTrace>;

export const RecordedScore = z.object({
  stepId: z.string().optional(),
  name: z.string(),
  value: z.number().optional(),
  stringValue: z.string().optional(),
  comment: z.string().optional(),
  source: z.enum(["api", "human", "validator", "detector"]).default("api"),
});
export type RecordedScore = z.infer<typeof RecordedScore>;

export const RecordedRun = z.object({
  trace: RecordedTrace,
  steps: z.array(RecordedStep),
  scores: z.array(RecordedScore).default([]),
});
export type RecordedRun = z.infer<typeof RecordedRun>;
