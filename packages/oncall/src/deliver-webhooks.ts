import {
  createGuardedFetch,
  MAX_AFFECTED_TRACES,
  MAX_DELIVERY_ATTEMPTS,
  retryDelayMs,
  sendWebhook,
  type AlertNotice,
  type AlertNoticeKind,
  type WebhookNetworks,
} from "@loupe/alerts";
import { UNNAMED_RUN, type Database, type SecretBox } from "@loupe/db";
import { Severity } from "@loupe/schema";

export type DeliveryOptions = {
  secrets: SecretBox;
  /** Loupe's public address, for links in notifications; null leaves them out. */
  publicUrl: string | null;
  /** Which addresses receivers may have; every delivery checks the address it connects to. */
  networks: WebhookNetworks;
  now?: () => Date;
  random?: () => number;
};

const BATCH = 20;

/**
 * Sends the webhook deliveries that are due, one attempt each; a failed attempt is scheduled
 * again with backoff until MAX_DELIVERY_ATTEMPTS, and one to a refused address fails at once.
 * Returns how many were attempted.
 */
export async function deliverDueWebhooks(db: Database, options: DeliveryOptions): Promise<number> {
  const now = options.now?.() ?? new Date();
  const due = await db.alertDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: "asc" },
    take: BATCH,
    include: {
      channel: true,
      alert: { include: { rule: { select: { name: true } }, project: { select: { id: true, name: true } } } },
    },
  });
  if (due.length === 0) return 0;
  const guarded = createGuardedFetch({ networks: options.networks });
  try {
    for (const delivery of due) {
      const notice = await buildNotice(db, delivery.alert, delivery.noticeKind as AlertNoticeKind, options.publicUrl);
      const secret = delivery.channel.encryptedSecret ? options.secrets.decrypt(delivery.channel.encryptedSecret) : "";
      const attempt = await sendWebhook(
        {
          url: delivery.channel.url,
          secret,
          format: delivery.channel.kind === "slack" ? "slack" : "json",
          notice,
          deliveryId: delivery.id,
        },
        { fetch: guarded.fetch },
      );
      const attemptNumber = delivery.attempt + 1;
      const finished = options.now?.() ?? new Date();
      await db.alertDelivery.update({
        where: { id: delivery.id },
        data: {
          attempt: attemptNumber,
          responseCode: attempt.status,
          error: attempt.error,
          requestBody: attempt.requestBody,
          durationMs: Math.round(attempt.durationMs),
          ...(attempt.ok
            ? { status: "delivered", deliveredAt: finished, nextAttemptAt: null }
            : attempt.refused || attemptNumber >= MAX_DELIVERY_ATTEMPTS
              ? { status: "failed", nextAttemptAt: null }
              : { nextAttemptAt: new Date(finished.getTime() + retryDelayMs(attemptNumber, options.random ? { random: options.random } : {})) }),
        },
      });
    }
  } finally {
    await guarded.close();
  }
  return due.length;
}

async function buildNotice(
  db: Database,
  alert: {
    id: string;
    title: string;
    severity: string;
    status: string;
    occurrenceCount: number;
    firstSeenAt: Date;
    lastSeenAt: Date;
    rule: { name: string };
    project: { id: string; name: string };
  },
  kind: AlertNoticeKind,
  publicUrl: string | null,
): Promise<AlertNotice> {
  const occurrences = await db.alertOccurrence.findMany({
    where: { alertId: alert.id },
    orderBy: { occurredAt: "desc" },
    take: MAX_AFFECTED_TRACES,
    select: { traceId: true },
  });
  const traces = await db.trace.findMany({
    where: { projectId: alert.project.id, id: { in: occurrences.map((occurrence) => occurrence.traceId) } },
    select: { id: true, name: true },
  });
  const projectUrl = publicUrl ? `${publicUrl.replace(/\/+$/, "")}/project/${alert.project.id}` : null;
  return {
    kind,
    alert: {
      id: alert.id,
      title: alert.title,
      severity: Severity.parse(alert.severity),
      status: alert.status === "snoozed" ? "firing" : (alert.status as AlertNotice["alert"]["status"]),
      occurrenceCount: alert.occurrenceCount,
      firstSeenAt: alert.firstSeenAt.toISOString(),
      lastSeenAt: alert.lastSeenAt.toISOString(),
      ruleName: alert.rule.name,
    },
    project: alert.project,
    affectedTraces: traces.map((trace) => ({
      id: trace.id,
      name: trace.name ?? UNNAMED_RUN,
      url: projectUrl ? `${projectUrl}/traces/${encodeURIComponent(trace.id)}` : null,
    })),
    url: projectUrl ? `${projectUrl}/alerts?alert=${alert.id}` : null,
  };
}
