import type { Prisma } from "@loupe/db";

/**
 * Stores on a run how many of its findings are open (not dismissed), the count the trace list
 * shows without reading findings, and returns it. Call it in the transaction that changed the
 * run's findings, so the count never disagrees with them.
 */
export async function recountOpenFindings(
  tx: Prisma.TransactionClient,
  { projectId, traceId }: { projectId: string; traceId: string },
): Promise<number> {
  const findingCount = await tx.finding.count({ where: { projectId, traceId, dismissedAt: null } });
  await tx.trace.update({
    where: { projectId_id: { projectId, id: traceId } },
    data: { findingCount },
  });
  return findingCount;
}
