import type { Database } from "../client.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { RunStatus } from "../generated/prisma/enums.ts";
import { loadContent } from "./load-content.ts";

export type TraceCursor = { startTime: Date; id: string };

/** Until the events that carry them arrive, a run or step may lack these: readers get defaults. */
const UNNAMED = "(unnamed)";
function withTraceDefaults<T extends { name: string | null; status: RunStatus | null; environment: string | null }>(
  trace: T,
) {
  return {
    ...trace,
    name: trace.name ?? UNNAMED,
    status: trace.status ?? ("running" as const),
    environment: trace.environment ?? "production",
  };
}

export type TraceFilters = {
  sessionId?: string | undefined;
  userId?: string | undefined;
  name?: string | undefined;
  status?: RunStatus | undefined;
  environment?: string | undefined;
  tag?: string | undefined;
  startedAfter?: Date | undefined;
  startedBefore?: Date | undefined;
};

function traceFilterWhere(filters: TraceFilters): Prisma.TraceWhereInput {
  return {
    ...(filters.sessionId ? { sessionId: filters.sessionId } : {}),
    ...(filters.userId ? { userId: filters.userId } : {}),
    ...(filters.name ? { name: filters.name } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.environment ? { environment: filters.environment } : {}),
    ...(filters.tag ? { tags: { has: filters.tag } } : {}),
    ...(filters.startedAfter || filters.startedBefore
      ? { startTime: { ...(filters.startedAfter ? { gte: filters.startedAfter } : {}), ...(filters.startedBefore ? { lt: filters.startedBefore } : {}) } }
      : {}),
  };
}

/** The newest runs first, a page at a time (keyset pagination on start time, then id). */
export async function listTraces(
  db: Database,
  {
    projectId,
    limit,
    cursor,
    ...filters
  }: { projectId: string; limit: number; cursor?: TraceCursor | undefined } & TraceFilters,
) {
  const where: Prisma.TraceWhereInput = { projectId, ...traceFilterWhere(filters) };
  if (cursor) {
    where.AND = [
      { OR: [{ startTime: { lt: cursor.startTime } }, { startTime: cursor.startTime, id: { lt: cursor.id } }] },
    ];
  }
  const traces = await db.trace.findMany({
    where,
    orderBy: [{ startTime: "desc" }, { id: "desc" }],
    take: limit + 1,
    omit: { inputHash: true, outputHash: true },
  });
  const page = traces.slice(0, limit).map(withTraceDefaults);
  const last = page.at(-1);
  const nextCursor: TraceCursor | null =
    traces.length > limit && last ? { startTime: last.startTime, id: last.id } : null;
  return { traces: page, nextCursor };
}

export async function findTraceById(db: Database, { projectId, traceId }: { projectId: string; traceId: string }) {
  const trace = await db.trace.findUnique({ where: { projectId_id: { projectId, id: traceId } } });
  if (!trace) return null;
  const content = await loadContent(db, { projectId, rows: [trace] });
  const { inputHash, outputHash, ...fields } = trace;
  return { ...withTraceDefaults(fields), input: content.payload(inputHash), output: content.payload(outputHash) };
}

export type StepCursor = { startTime: Date; seq: bigint };

type StepRow = Awaited<ReturnType<Database["step"]["findFirstOrThrow"]>>;

function withStepContent(
  { inputHash, inputMessagesHash, outputHash, ...fields }: StepRow,
  content: Awaited<ReturnType<typeof loadContent>>,
) {
  return {
    ...fields,
    kind: fields.kind ?? ("event" as const),
    name: fields.name ?? UNNAMED,
    status: fields.status ?? ("running" as const),
    input: content.stepInput(inputHash, inputMessagesHash),
    output: content.payload(outputHash),
  };
}

/** One step with its content resolved, or null when the run has no such step. */
export async function findStep(
  db: Database,
  { projectId, traceId, stepId }: { projectId: string; traceId: string; stepId: string },
) {
  const row = await db.step.findUnique({ where: { projectId_id: { projectId, id: stepId } } });
  if (!row || row.traceId !== traceId) return null;
  return withStepContent(row, await loadContent(db, { projectId, rows: [row] }));
}

/** A trace's steps in their stable order (start time, then arrival), with content resolved. */
export async function listTraceSteps(
  db: Database,
  {
    projectId,
    traceId,
    limit,
    cursor,
  }: { projectId: string; traceId: string; limit: number; cursor?: StepCursor | undefined },
) {
  const where: Prisma.StepWhereInput = { projectId, traceId };
  if (cursor) {
    where.OR = [
      { startTime: { gt: cursor.startTime } },
      { startTime: cursor.startTime, seq: { gt: cursor.seq } },
    ];
  }
  const rows = await db.step.findMany({
    where,
    orderBy: [{ startTime: "asc" }, { seq: "asc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const content = await loadContent(db, { projectId, rows: page });
  const steps = page.map((row) => withStepContent(row, content));
  const last = page.at(-1);
  const nextCursor: StepCursor | null = rows.length > limit && last ? { startTime: last.startTime, seq: last.seq } : null;
  return { steps, nextCursor };
}
