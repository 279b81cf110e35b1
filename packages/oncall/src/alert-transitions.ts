import { applyAlertEvent, type AlertEvent, type AlertNoticeKind, type AlertState } from "@loupe/alerts";
import type { AlertModel, Database, Prisma } from "@loupe/db";

type Executor = Database | Prisma.TransactionClient;

export function readAlertState(alert: AlertModel): AlertState {
  return {
    status: alert.status === "snoozed" ? "firing" : alert.status,
    occurrenceCount: alert.occurrenceCount,
    firstSeenAt: alert.firstSeenAt,
    lastSeenAt: alert.lastSeenAt,
    acknowledgedAt: alert.acknowledgedAt,
    snoozedUntil: alert.snoozedUntil,
    resolvedAt: alert.resolvedAt,
  };
}

export function alertColumns(state: AlertState) {
  return {
    status: state.status,
    occurrenceCount: state.occurrenceCount,
    firstSeenAt: state.firstSeenAt,
    lastSeenAt: state.lastSeenAt,
    acknowledgedAt: state.acknowledgedAt,
    snoozedUntil: state.snoozedUntil,
    resolvedAt: state.resolvedAt,
  };
}

/**
 * Queues one delivery per channel of the rule; a rule with no channels of its own notifies every
 * channel of the project, so a new channel hears about every rule by default.
 */
export async function enqueueDeliveries(
  db: Executor,
  { alertId, ruleId, projectId, kind, at }: { alertId: string; ruleId: string; projectId: string; kind: AlertNoticeKind; at: Date },
): Promise<number> {
  const ruleChannels = await db.alertRuleChannel.findMany({ where: { ruleId }, select: { channelId: true } });
  const channelIds =
    ruleChannels.length > 0
      ? ruleChannels.map((link) => link.channelId)
      : (await db.notificationChannel.findMany({ where: { projectId }, select: { id: true } })).map((channel) => channel.id);
  if (channelIds.length === 0) return 0;
  const { count } = await db.alertDelivery.createMany({
    data: channelIds.map((channelId) => ({ alertId, channelId, noticeKind: kind, nextAttemptAt: at })),
  });
  return count;
}

/** Applies a lifecycle event to a stored alert, saves it, and queues the notifications it causes. */
export async function transitionAlert(db: Executor, alert: AlertModel, event: AlertEvent) {
  const before = readAlertState(alert);
  const { state, notify } = applyAlertEvent(before, event);
  // Most periodic checks change nothing; an unchanged alert is not written again.
  if (!notify && isSameState(before, state)) return { alert, notify };
  const updated = await db.alert.update({ where: { id: alert.id }, data: alertColumns(state) });
  if (notify) {
    await enqueueDeliveries(db, { alertId: alert.id, ruleId: alert.ruleId, projectId: alert.projectId, kind: notify, at: event.at });
  }
  return { alert: updated, notify };
}

function isSameState(a: AlertState, b: AlertState): boolean {
  const time = (date: Date | null) => date?.getTime() ?? null;
  return (
    a.status === b.status &&
    a.occurrenceCount === b.occurrenceCount &&
    time(a.firstSeenAt) === time(b.firstSeenAt) &&
    time(a.lastSeenAt) === time(b.lastSeenAt) &&
    time(a.acknowledgedAt) === time(b.acknowledgedAt) &&
    time(a.snoozedUntil) === time(b.snoozedUntil) &&
    time(a.resolvedAt) === time(b.resolvedAt)
  );
}
