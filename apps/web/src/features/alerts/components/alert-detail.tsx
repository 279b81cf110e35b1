"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { ErrorState } from "@/components/error-state";
import { Timestamp } from "@/components/timestamp";
import { formatInteger } from "@/lib/format";
import { useTRPC } from "@/trpc/client";
import { AlertStatusText, SeverityBadge } from "./alert-badges";
import styles from "./alerts.module.css";

const SNOOZE_MINUTES = 60;

/** One alert: how bad, since when, which runs, who was told; and acknowledge, snooze, resolve. */
export function AlertDetail({ projectId, alertId, onClose }: { projectId: string; alertId: string; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const alert = useQuery({ ...trpc.alert.byId.queryOptions({ projectId, alertId }), refetchInterval: 5_000 });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.alert.pathKey() });
  const acknowledge = useMutation(trpc.alert.acknowledge.mutationOptions({ onSettled: refresh }));
  const resolve = useMutation(trpc.alert.resolve.mutationOptions({ onSettled: refresh }));
  const snooze = useMutation(trpc.alert.snooze.mutationOptions({ onSettled: refresh }));
  const failure = acknowledge.error ?? resolve.error ?? snooze.error;

  if (alert.isPending) return <aside className={styles.detail} aria-busy="true">Loading the alert…</aside>;
  if (alert.isError) {
    return (
      <aside className={styles.detail}>
        <ErrorState title="The alert could not be loaded" message={alert.error.message} onRetry={() => void alert.refetch()} />
      </aside>
    );
  }
  const data = alert.data;
  const busy = acknowledge.isPending || resolve.isPending || snooze.isPending;
  const timeline = [
    { label: "First seen", at: data.firstSeenAt },
    { label: "Acknowledged", at: data.acknowledgedAt },
    { label: "Last seen", at: data.lastSeenAt },
    { label: "Resolved", at: data.resolvedAt },
  ].flatMap((entry) => (entry.at ? [{ label: entry.label, at: entry.at }] : []));
  timeline.sort((a, b) => a.at.getTime() - b.at.getTime());

  return (
    <aside className={styles.detail} aria-label="Alert detail" data-testid="alert-detail">
      <div className={styles.actions} style={{ justifyContent: "space-between" }}>
        <SeverityBadge severity={data.severity} />
        <button type="button" className="button" onClick={onClose} aria-label="Close the alert">
          ✕
        </button>
      </div>
      <h2>{data.title}</h2>
      <dl className={styles.facts}>
        <dt>Status</dt>
        <dd>
          <AlertStatusText status={data.status} snoozedUntil={data.snoozedUntil} />
        </dd>
        <dt>Rule</dt>
        <dd>{data.rule.name}</dd>
        <dt>Runs hit</dt>
        <dd data-testid="alert-occurrences">{formatInteger(data.occurrenceCount)}</dd>
        {data.snoozedUntil && data.snoozedUntil.getTime() > Date.now() ? (
          <>
            <dt>Snoozed until</dt>
            <dd>
              <Timestamp date={data.snoozedUntil} />
            </dd>
          </>
        ) : null}
      </dl>
      <div className={styles.actions}>
        <button
          type="button"
          className="button"
          disabled={busy || data.status !== "firing"}
          onClick={() => acknowledge.mutate({ projectId, alertId })}
        >
          Acknowledge
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => snooze.mutate({ projectId, alertId, minutes: SNOOZE_MINUTES })}>
          Snooze 1 h
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={busy || data.status === "resolved"}
          onClick={() => resolve.mutate({ projectId, alertId })}
        >
          Resolve
        </button>
      </div>
      {failure ? (
        <p role="alert" className={styles.formError}>
          {failure.message}
        </p>
      ) : null}

      <section aria-labelledby="alert-timeline">
        <h3 id="alert-timeline">Timeline</h3>
        <ol className={styles.list}>
          {timeline.map((entry) => (
            <li key={entry.label}>
              <span>{entry.label}</span>
              <Timestamp date={entry.at} />
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="alert-runs">
        <h3 id="alert-runs">Affected runs</h3>
        {data.occurrences.length === 0 ? (
          <p className="muted">A metric alert: it is about the project as a whole, not single runs.</p>
        ) : (
          <ul className={styles.list} data-testid="alert-runs">
            {data.occurrences.map((occurrence) => (
              <li key={occurrence.id}>
                <Link
                  href={`/project/${projectId}/traces/${encodeURIComponent(occurrence.traceId)}${
                    occurrence.finding?.firstStepId ? `?step=${encodeURIComponent(occurrence.finding.firstStepId)}` : ""
                  }`}
                >
                  {occurrence.trace?.name ?? occurrence.traceId}
                </Link>
                <Timestamp date={occurrence.occurredAt} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="alert-deliveries">
        <h3 id="alert-deliveries">Notifications</h3>
        {data.deliveries.length === 0 ? (
          <p className="muted">No channel was notified. Add a webhook under Channels &amp; deliveries.</p>
        ) : (
          <ul className={styles.list}>
            {data.deliveries.map((delivery) => (
              <li key={delivery.id}>
                <span>
                  {delivery.noticeKind} → {delivery.channel.name}
                </span>
                <span>
                  {delivery.status}
                  {delivery.attempt > 1 ? ` after ${delivery.attempt} attempts` : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </aside>
  );
}
