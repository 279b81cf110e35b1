import { canApply } from "@loupe/alerts";
import type { AlertEvent } from "@loupe/alerts";
import type { Database, Prisma } from "@loupe/db";
import { ensureDefaultAlertRules, readAlertState, transitionAlert } from "@loupe/oncall";
import type { z } from "zod";
import { NotFoundError, ServiceError } from "../errors.ts";
import type { AlertStatusFilter } from "./alert-schemas.ts";

const statusWhere: Record<z.infer<typeof AlertStatusFilter>, Prisma.AlertWhereInput> = {
  open: { status: { in: ["firing", "acknowledged"] } },
  firing: { status: "firing" },
  acknowledged: { status: "acknowledged" },
  resolved: { status: "resolved" },
  all: {},
};

export async function listAlerts({
  db,
  projectId,
  status,
  limit,
  cursor,
}: {
  db: Database;
  projectId: string;
  status: z.infer<typeof AlertStatusFilter>;
  limit: number;
  cursor?: string | null | undefined;
}) {
  const rows = await db.alert.findMany({
    where: { projectId, ...statusWhere[status] },
    orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    include: { rule: { select: { name: true, type: true } } },
  });
  const page = rows.slice(0, limit);
  const counts = await db.alert.groupBy({ by: ["status"], where: { projectId }, _count: { _all: true } });
  return {
    alerts: page,
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
    counts: Object.fromEntries(counts.map((row) => [row.status, row._count._all])) as Partial<Record<string, number>>,
  };
}

export async function getAlert({ db, projectId, alertId }: { db: Database; projectId: string; alertId: string }) {
  const alert = await db.alert.findFirst({
    where: { id: alertId, projectId },
    include: {
      rule: true,
      occurrences: { orderBy: { occurredAt: "desc" }, take: 100, include: { finding: { select: { kind: true, explanation: true, firstStepId: true } } } },
      deliveries: { orderBy: { createdAt: "desc" }, take: 50, include: { channel: { select: { name: true, kind: true } } } },
    },
  });
  if (!alert) throw new NotFoundError("That alert does not exist in this project.");
  const traces = await db.trace.findMany({
    where: { projectId, id: { in: alert.occurrences.map((occurrence) => occurrence.traceId) } },
    select: { id: true, name: true, status: true, startTime: true },
  });
  const traceById = new Map(traces.map((trace) => [trace.id, trace]));
  return {
    ...alert,
    occurrences: alert.occurrences.map((occurrence) => ({ ...occurrence, trace: traceById.get(occurrence.traceId) ?? null })),
  };
}

/** Acknowledge, resolve or snooze, as the alert lifecycle allows from its current status. */
export async function actOnAlert({
  db,
  projectId,
  alertId,
  event,
}: {
  db: Database;
  projectId: string;
  alertId: string;
  event: AlertEvent;
}) {
  const alert = await db.alert.findFirst({ where: { id: alertId, projectId } });
  if (!alert) throw new NotFoundError("That alert does not exist in this project.");
  if (!canApply(readAlertState(alert), event.type)) {
    throw new ServiceError("CONFLICT", `An alert that is ${alert.status} cannot be ${event.type === "acknowledge" ? "acknowledged" : `${event.type}d`}.`);
  }
  return db.$transaction(async (tx) => (await transitionAlert(tx, alert, event)).alert);
}

export async function listAlertRules({ db, projectId }: { db: Database; projectId: string }) {
  await ensureDefaultAlertRules(db, projectId);
  return db.alertRule.findMany({
    where: { projectId },
    orderBy: [{ type: "asc" }, { createdAt: "asc" }],
    include: { _count: { select: { alerts: true } } },
  });
}
