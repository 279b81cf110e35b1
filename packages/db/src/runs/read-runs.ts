import type { Database } from "../client.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { RunStatus } from "../generated/prisma/enums.ts";
import { loadContent } from "./load-content.ts";
import {
  buildTracePageSql,
  type SortOrder,
  type TraceCursor,
  type TraceFilters,
  type TraceSort,
} from "./trace-list-sql.ts";

export type { TraceCursor, TraceFilters } from "./trace-list-sql.ts";

/** Until the events that carry them arrive, a run or step may lack these: readers get defaults. */
/** The name a run stored without one is read, shown and grouped under. */
export const UNNAMED_RUN = "(unnamed)";
function withTraceDefaults<T extends { name: string | null; status: RunStatus | null; environment: string | null }>(
  trace: T,
) {
  return {
    ...trace,
    name: trace.name ?? UNNAMED_RUN,
    status: trace.status ?? ("running" as const),
    environment: trace.environment ?? "production",
  };
}

/**
 * A page of runs, newest first unless `sort` says otherwise, with keyset pagination on the sort
 * key then id, and the kinds of each run's open findings. The page's ids come from one SQL query
 * (search, filters, order); the rows and the finding kinds from one query each.
 */
export async function listTraces(
  db: Database,
  {
    projectId,
    limit,
    cursor,
    sort = "startTime",
    order = "desc",
    ...filters
  }: {
    projectId: string;
    limit: number;
    cursor?: TraceCursor | undefined;
    sort?: TraceSort | undefined;
    order?: SortOrder | undefined;
  } & TraceFilters,
) {
  const pageQuery = db.$queryRaw<{ id: string; sort_key: string | null }[]>(
    buildTracePageSql({ projectId, limit: limit + 1, cursor, sort, order, filters }),
  );
  // A search's row estimates are rough (content is shared by many steps, conversations are walked
  // recursively), and a high estimate turns on JIT compilation, which costs more than the query.
  // Other pages need no transaction for it.
  const keys = filters.search
    ? (await db.$transaction([db.$executeRaw`SET LOCAL jit = off`, pageQuery]))[1]
    : await pageQuery;
  const pageKeys = keys.slice(0, limit);
  const ids = pageKeys.map((key) => key.id);
  const [rows, findings] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          db.trace.findMany({ where: { projectId, id: { in: ids } }, omit: { inputHash: true, outputHash: true } }),
          db.finding.findMany({
            where: { projectId, traceId: { in: ids }, dismissedAt: null },
            select: { traceId: true, kind: true },
            distinct: ["traceId", "kind"],
            orderBy: [{ traceId: "asc" }, { kind: "asc" }],
          }),
        ]);
  const rowById = new Map(rows.map((row) => [row.id, row]));
  const kindsById = new Map<string, string[]>();
  for (const finding of findings) {
    const kinds = kindsById.get(finding.traceId) ?? [];
    kinds.push(finding.kind);
    kindsById.set(finding.traceId, kinds);
  }
  const traces = ids.flatMap((id) => {
    const row = rowById.get(id);
    return row ? [{ ...withTraceDefaults(row), findingKinds: kindsById.get(id) ?? [] }] : [];
  });
  const lastKey = pageKeys.at(-1);
  const last = traces.at(-1);
  const nextCursor: TraceCursor | null =
    keys.length > limit && lastKey && last
      ? { startTime: last.startTime, id: lastKey.id, sortKey: lastKey.sort_key }
      : null;
  return { traces, nextCursor };
}

export async function findTraceById(db: Database, { projectId, traceId }: { projectId: string; traceId: string }) {
  const [trace] = await findTracesByIds(db, { projectId, traceIds: [traceId] });
  return trace ?? null;
}

/** A run's own fields, without its input and output: for readers that only need to know the run. */
export async function findTraceFields(db: Database, { projectId, traceId }: { projectId: string; traceId: string }) {
  const trace = await db.trace.findUnique({
    where: { projectId_id: { projectId, id: traceId } },
    omit: { inputHash: true, outputHash: true },
  });
  return trace ? withTraceDefaults(trace) : null;
}

/** Runs with their input and output resolved, in start order, their content read in one pass. */
export async function findTracesByIds(db: Database, { projectId, traceIds }: { projectId: string; traceIds: readonly string[] }) {
  if (traceIds.length === 0) return [];
  const traces = await db.trace.findMany({
    where: { projectId, id: { in: [...traceIds] } },
    orderBy: [{ startTime: "asc" }, { id: "asc" }],
  });
  const content = await loadContent(db, { projectId, rows: traces });
  return traces.map(({ inputHash, outputHash, ...fields }) => ({
    ...withTraceDefaults(fields),
    input: content.payload(inputHash),
    output: content.payload(outputHash),
  }));
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
    name: fields.name ?? UNNAMED_RUN,
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
