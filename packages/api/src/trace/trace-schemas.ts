import { z } from "zod";

export const TraceId = z.string().min(1).max(128);

/** Where the next page of traces starts: the last row's sort key. */
export const TraceCursor = z.object({ startTime: z.date(), id: TraceId });
export type TraceCursor = z.infer<typeof TraceCursor>;

const TraceStatus = z.enum(["running", "ok", "error"]);

export const ListTracesInput = z.object({
  limit: z.number().int().min(1).max(100).default(50),
  cursor: TraceCursor.nullish(),
  sessionId: z.string().min(1).max(256).optional(),
  userId: z.string().min(1).max(256).optional(),
  name: z.string().min(1).max(256).optional(),
  status: TraceStatus.optional(),
  environment: z.string().min(1).max(256).optional(),
  tag: z.string().min(1).max(256).optional(),
  startedAfter: z.date().optional(),
  startedBefore: z.date().optional(),
});
export type ListTracesInput = z.infer<typeof ListTracesInput>;

export const FindTraceInput = z.object({ traceId: TraceId });

export const StepCursor = z.object({ startTime: z.date(), seq: z.bigint() });
export type StepCursor = z.infer<typeof StepCursor>;

export const ListStepsInput = z.object({
  traceId: TraceId,
  limit: z.number().int().min(1).max(500).default(200),
  cursor: StepCursor.nullish(),
});
export type ListStepsInput = z.infer<typeof ListStepsInput>;
