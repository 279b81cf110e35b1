import { FindingKind } from "@loupe/schema";
import { z } from "zod";

export const TraceId = z.string().min(1).max(128);

export const TraceSort = z.enum(["startTime", "duration", "cost", "tokens", "steps", "findings"]);
export type TraceSort = z.infer<typeof TraceSort>;

export const SortOrder = z.enum(["asc", "desc"]);
export type SortOrder = z.infer<typeof SortOrder>;

/**
 * Where the next page of traces starts: the last row's id and its sort key as the server printed
 * it (exact, so rows that share a key are neither skipped nor repeated); null for a run that has
 * no key yet (a duration while it is still going).
 */
export const TraceCursor = z.object({
  startTime: z.date(),
  id: TraceId,
  sortKey: z.string().max(64).nullish(),
});
export type TraceCursor = z.infer<typeof TraceCursor>;

const TraceStatus = z.enum(["running", "ok", "error"]);

const INTEGER_KEY = /^-?\d{1,19}$/;
const NUMBER_KEY = /^-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
/** What a cursor's sort key must look like for each order, so a bad cursor is a 400, not a SQL error. */
const SORT_KEY_FORMATS: Record<TraceSort, { pattern: RegExp; nullable: boolean }> = {
  startTime: { pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/, nullable: false },
  duration: { pattern: INTEGER_KEY, nullable: true },
  cost: { pattern: NUMBER_KEY, nullable: false },
  tokens: { pattern: INTEGER_KEY, nullable: false },
  steps: { pattern: INTEGER_KEY, nullable: false },
  findings: { pattern: INTEGER_KEY, nullable: false },
};

const Text = z.string().trim().min(1).max(256);
const Cost = z.number().finite().min(0);
const LatencyMs = z.number().finite().min(0);

export const ListTracesInput = z
  .object({
    limit: z.number().int().min(1).max(100).default(50),
    cursor: TraceCursor.nullish(),
    sort: TraceSort.default("startTime"),
    order: SortOrder.default("desc"),
    sessionId: z.string().min(1).max(256).optional(),
    userId: z.string().min(1).max(256).optional(),
    name: z.string().min(1).max(256).optional(),
    status: TraceStatus.optional(),
    environment: z.string().min(1).max(256).optional(),
    tag: z.string().min(1).max(256).optional(),
    startedAfter: z.date().optional(),
    startedBefore: z.date().optional(),
    search: Text.optional(),
    findingKind: FindingKind.optional(),
    minCost: Cost.optional(),
    maxCost: Cost.optional(),
    minLatencyMs: LatencyMs.optional(),
    maxLatencyMs: LatencyMs.optional(),
    model: Text.optional(),
    agent: Text.optional(),
  })
  .superRefine((input, context) => {
    if (
      input.minCost !== undefined &&
      input.maxCost !== undefined &&
      input.minCost > input.maxCost
    ) {
      context.addIssue({
        code: "custom",
        path: ["minCost"],
        message: "must not be greater than maxCost",
      });
    }
    if (
      input.minLatencyMs !== undefined &&
      input.maxLatencyMs !== undefined &&
      input.minLatencyMs > input.maxLatencyMs
    ) {
      context.addIssue({
        code: "custom",
        path: ["minLatencyMs"],
        message: "must not be greater than maxLatencyMs",
      });
    }
    if (!input.cursor) return;
    const { sortKey } = input.cursor;
    const format = SORT_KEY_FORMATS[input.sort];
    if (sortKey === undefined) {
      if (input.sort !== "startTime") {
        context.addIssue({
          code: "custom",
          path: ["cursor", "sortKey"],
          message: `required when sorting by ${input.sort}`,
        });
      }
    } else if (sortKey === null ? !format.nullable : !format.pattern.test(sortKey)) {
      context.addIssue({
        code: "custom",
        path: ["cursor", "sortKey"],
        message: `not a ${input.sort} sort key`,
      });
    }
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
