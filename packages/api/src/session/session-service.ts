import { findTracesByIds, type Database, type Prisma } from "@loupe/db";
import { NotFoundError } from "../errors.ts";
import type { SessionCursor } from "./session-schemas.ts";

type SessionSummary = {
  id: string;
  userId: string | null;
  traceCount: number;
  totalCost: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
};

/** The newest sessions first, each with what its runs add up to. */
export async function listSessionPage({
  db,
  projectId,
  limit,
  cursor,
}: {
  db: Database;
  projectId: string;
  limit: number;
  cursor?: SessionCursor | null | undefined;
}): Promise<{ sessions: SessionSummary[]; nextCursor: SessionCursor | null }> {
  const where: Prisma.SessionWhereInput = { projectId };
  if (cursor) {
    where.OR = [
      { createdAt: { lt: cursor.createdAt } },
      { createdAt: cursor.createdAt, id: { lt: cursor.id } },
    ];
  }
  const rows = await db.session.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: { id: true, userId: true, createdAt: true },
  });
  const page = rows.slice(0, limit);
  const stats = await summarizeSessionTraces({
    db,
    projectId,
    sessionIds: page.map((session) => session.id),
  });

  const sessions = page.map((session) => {
    const stat = stats.get(session.id);
    return {
      id: session.id,
      userId: session.userId,
      traceCount: stat?.traceCount ?? 0,
      totalCost: stat?.totalCost ?? 0,
      firstSeenAt: stat?.firstSeenAt ?? session.createdAt,
      lastSeenAt: stat?.lastSeenAt ?? session.createdAt,
    };
  });
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null;
  return { sessions, nextCursor };
}

async function summarizeSessionTraces({
  db,
  projectId,
  sessionIds,
}: {
  db: Database;
  projectId: string;
  sessionIds: string[];
}) {
  const stats = new Map<
    string,
    { traceCount: number; totalCost: number; firstSeenAt: Date; lastSeenAt: Date }
  >();
  if (sessionIds.length === 0) return stats;
  const groups = await db.trace.groupBy({
    by: ["sessionId"],
    where: { projectId, sessionId: { in: sessionIds } },
    _count: { _all: true },
    _sum: { totalCost: true },
    _min: { startTime: true },
    _max: { startTime: true, endTime: true },
  });
  for (const group of groups) {
    if (!group.sessionId || !group._min.startTime || !group._max.startTime) continue;
    const lastEnd = group._max.endTime;
    stats.set(group.sessionId, {
      traceCount: group._count._all,
      totalCost: group._sum.totalCost ?? 0,
      firstSeenAt: group._min.startTime,
      lastSeenAt: lastEnd && lastEnd > group._max.startTime ? lastEnd : group._max.startTime,
    });
  }
  return stats;
}

/** A conversation longer than this shows its latest turns; the trace list has the rest. */
const MAX_CONVERSATION_RUNS = 200;

/**
 * A session's runs in time order with what each was asked and answered, so the session reads as a
 * conversation. The longest sessions show their latest runs, and say how many came before.
 */
export async function getSessionConversation({
  db,
  projectId,
  sessionId,
}: {
  db: Database;
  projectId: string;
  sessionId: string;
}) {
  const [session, runCount, latest] = await Promise.all([
    db.session.findUnique({
      where: { projectId_id: { projectId, id: sessionId } },
      select: { id: true, userId: true, createdAt: true },
    }),
    db.trace.count({ where: { projectId, sessionId } }),
    db.trace.findMany({
      where: { projectId, sessionId },
      orderBy: [{ startTime: "desc" }, { id: "desc" }],
      take: MAX_CONVERSATION_RUNS,
      select: { id: true },
    }),
  ]);
  if (!session && runCount === 0)
    throw new NotFoundError(`Session "${sessionId}" was not found in this project.`);
  const traces = await findTracesByIds(db, { projectId, traceIds: latest.map(({ id }) => id) });
  const runs = traces.map((trace) => ({
    id: trace.id,
    name: trace.name,
    status: trace.status,
    statusMessage: trace.statusMessage,
    startTime: trace.startTime,
    endTime: trace.endTime,
    totalCost: trace.totalCost,
    findingCount: trace.findingCount,
    input: trace.input,
    output: trace.output,
  }));
  return {
    id: sessionId,
    userId: session?.userId ?? traces.find((trace) => trace.userId)?.userId ?? null,
    runCount,
    earlierRunCount: runCount - runs.length,
    runs,
  };
}
