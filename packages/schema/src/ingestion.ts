import { z } from "zod";
import { JsonObject, ScoreSource, StepKind, StepStatus, TraceStatus } from "./domain.ts";

/** Ids senders choose: OTLP hex ids, uuids, or their own; printable and bounded. */
export const ExternalId = z
  .string()
  .min(1, "must not be empty")
  .max(128, "must be at most 128 characters")
  .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces");

/** An ISO 8601 date-time on the wire; a Date when events are built in process. */
const Timestamp = z.union([
  z.date(),
  z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" }).pipe(z.coerce.date()),
], { error: "must be an ISO 8601 date-time" });

const Usage = z.object({
  input: z.number().int().nonnegative().optional(),
  output: z.number().int().nonnegative().optional(),
  cached: z.number().int().nonnegative().optional(),
  reasoning: z.number().int().nonnegative().optional(),
});

const TraceFields = z.object({
  name: z.string().min(1).max(512).optional(),
  sessionId: ExternalId.optional(),
  userId: z.string().min(1).max(256).optional(),
  release: z.string().max(256).optional(),
  environment: z.string().min(1).max(128).optional(),
  tags: z.array(z.string().min(1).max(128)).max(64).optional(),
  metadata: JsonObject.optional(),
  status: TraceStatus.optional(),
  statusMessage: z.string().optional(),
  startTime: Timestamp.optional(),
  endTime: Timestamp.optional(),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
});

export const TraceEventBody = TraceFields.extend({ id: ExternalId });
export type TraceEventBody = z.infer<typeof TraceEventBody>;

const StepFields = z.object({
  parentId: ExternalId.nullable().optional(),
  kind: StepKind.optional(),
  name: z.string().min(1).max(512).optional(),
  agentName: z.string().min(1).max(256).optional(),
  status: StepStatus.optional(),
  statusMessage: z.string().optional(),
  startTime: Timestamp.optional(),
  endTime: Timestamp.optional(),
  model: z.string().min(1).max(256).optional(),
  provider: z.string().min(1).max(128).optional(),
  modelParameters: JsonObject.optional(),
  prompt: z
    .object({ name: z.string().min(1).max(256), version: z.number().int().positive(), variables: JsonObject.default({}) })
    .optional(),
  tool: z
    .object({ name: z.string().min(1).max(256), version: z.string().max(128).optional(), callId: z.string().max(256).optional() })
    .optional(),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  usage: Usage.optional(),
  /** Cost in USD as the sender computed it. */
  cost: z.number().nonnegative().optional(),
  attributes: JsonObject.optional(),
});

export const StepEventBody = StepFields.extend({ id: ExternalId, traceId: ExternalId });
export type StepEventBody = z.infer<typeof StepEventBody>;

export const ScoreEventBody = z
  .object({
    id: ExternalId,
    traceId: ExternalId,
    stepId: ExternalId.optional(),
    name: z.string().min(1).max(256),
    value: z.number().finite().optional(),
    stringValue: z.string().max(4096).optional(),
    comment: z.string().optional(),
    source: ScoreSource.default("api"),
  })
  .refine((score) => score.value !== undefined || score.stringValue !== undefined, {
    message: "a score needs a value or a stringValue",
    path: ["value"],
  });
export type ScoreEventBody = z.infer<typeof ScoreEventBody>;

export const SessionEventBody = z.object({
  id: ExternalId,
  userId: z.string().min(1).max(256).optional(),
  metadata: JsonObject.optional(),
});
export type SessionEventBody = z.infer<typeof SessionEventBody>;

const envelope = { id: ExternalId, timestamp: Timestamp };

/** One event of a native ingestion batch. Creates fill what is missing; updates override. */
export const IngestionEvent = z.discriminatedUnion("type", [
  z.object({ ...envelope, type: z.literal("trace-create"), body: TraceEventBody }),
  z.object({ ...envelope, type: z.literal("trace-update"), body: TraceEventBody }),
  z.object({ ...envelope, type: z.literal("step-create"), body: StepEventBody }),
  z.object({ ...envelope, type: z.literal("step-update"), body: StepEventBody }),
  z.object({ ...envelope, type: z.literal("score-create"), body: ScoreEventBody }),
  z.object({ ...envelope, type: z.literal("session-create"), body: SessionEventBody }),
]);
export type IngestionEvent = z.infer<typeof IngestionEvent>;
export type IngestionEventType = IngestionEvent["type"];
export const INGESTION_EVENT_TYPES = IngestionEvent.options.map((option) => option.shape.type.value);
