import type { Database } from "@loupe/db";
import { recountOpenFindings } from "@loupe/findings";
import { NotFoundError } from "../errors.ts";

const FINDING_FIELDS = {
  id: true,
  traceId: true,
  kind: true,
  detectorId: true,
  severity: true,
  explanation: true,
  evidence: true,
  stepIds: true,
  firstStepId: true,
  createdAt: true,
} as const;

/** A run's open findings, most severe first, then oldest first. */
export async function listTraceFindings({
  db,
  projectId,
  traceId,
}: {
  db: Database;
  projectId: string;
  traceId: string;
}) {
  return db.finding.findMany({
    where: { projectId, traceId, dismissedAt: null },
    // PostgreSQL orders an enum by its declaration, which runs from info up to critical.
    orderBy: [{ severity: "desc" }, { createdAt: "asc" }, { id: "asc" }],
    select: FINDING_FIELDS,
  });
}

/**
 * Hides a finding from its run and recounts the run's open findings. Re-analysis keeps the
 * dismissal: it updates a finding in place by detector and group key and never clears it.
 */
export async function dismissFinding({
  db,
  projectId,
  findingId,
}: {
  db: Database;
  projectId: string;
  findingId: string;
}) {
  return db.$transaction(async (tx) => {
    const finding = await tx.finding.findFirst({
      where: { id: findingId, projectId },
      select: { id: true, traceId: true, dismissedAt: true },
    });
    if (!finding) throw new NotFoundError(`Finding "${findingId}" was not found in this project.`);
    const dismissedAt = finding.dismissedAt ?? new Date();
    if (!finding.dismissedAt) {
      await tx.finding.update({ where: { id: finding.id }, data: { dismissedAt } });
    }
    const findingCount = await recountOpenFindings(tx, { projectId, traceId: finding.traceId });
    return { id: finding.id, traceId: finding.traceId, dismissedAt, findingCount };
  });
}
