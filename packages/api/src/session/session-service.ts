import type { Database, Prisma } from "@loupe/db";
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
