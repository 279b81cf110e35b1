"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { CopyButton } from "@/components/copy-button";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { TableSkeleton } from "@/components/table-skeleton";
import { Timestamp } from "@/components/timestamp";
import { useTRPC } from "@/trpc/client";
import styles from "./alerts.module.css";

/** Webhook channels (generic JSON or Slack-compatible) and the log of every delivery attempt. */
export function AlertDelivery({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const channels = useQuery(trpc.alert.channels.queryOptions({ projectId }));
  const deliveries = useQuery({ ...trpc.alert.deliveries.queryOptions({ projectId }), refetchInterval: 5_000 });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.alert.channels.queryKey({ projectId }) });
  const createChannel = useMutation(trpc.alert.createChannel.mutationOptions({ onSettled: refresh }));
  const deleteChannel = useMutation(trpc.alert.deleteChannel.mutationOptions({ onSettled: refresh }));
  const [name, setName] = useState("");
  const [kind, setKind] = useState<"webhook" | "slack">("webhook");
  const [url, setUrl] = useState("");
  const [signingSecret, setSigningSecret] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    createChannel.mutate(
      { projectId, name, kind, url },
      {
        onSuccess: (created) => {
          setSigningSecret(created.signingSecret);
          setName("");
          setUrl("");
        },
      },
    );
  }

  return (
    <>
      <section className={styles.section} aria-labelledby="channels-heading">
        <h2 id="channels-heading">Channels</h2>
        <p className="muted">
          Every alert that fires, fires again or resolves is posted to each channel, signed with HMAC-SHA256 in the
          <code> x-loupe-signature</code> header (<code>t=&lt;unix&gt;,v1=&lt;hex of &quot;t.body&quot;&gt;</code>) and retried with backoff.
        </p>
        <form className={styles.form} onSubmit={submit} aria-label="Add a channel">
          <div>
            <label className="label" htmlFor="channel-name">
              Name
            </label>
            <input id="channel-name" className="input" value={name} onChange={(event) => setName(event.target.value)} required maxLength={100} />
          </div>
          <div>
            <label className="label" htmlFor="channel-kind">
              Format
            </label>
            <select id="channel-kind" className="input" value={kind} onChange={(event) => setKind(event.target.value as "webhook" | "slack")}>
              <option value="webhook">Generic JSON webhook</option>
              <option value="slack">Slack-compatible</option>
            </select>
          </div>
          <div>
            <label className="label" htmlFor="channel-url">
              URL
            </label>
            <input id="channel-url" className="input" type="url" value={url} onChange={(event) => setUrl(event.target.value)} required style={{ width: 320 }} />
          </div>
          <button type="submit" className="button button-primary" disabled={createChannel.isPending}>
            {createChannel.isPending ? "Adding…" : "Add channel"}
          </button>
          {createChannel.error ? (
            <p role="alert" className={styles.formError}>
              {createChannel.error.message}
            </p>
          ) : null}
        </form>
        {signingSecret ? (
          <div className={styles.secret} role="status">
            <p>
              The channel&apos;s signing secret, shown this once: <code data-testid="channel-secret">{signingSecret}</code>{" "}
              <CopyButton text={signingSecret} label="Copy" />
            </p>
          </div>
        ) : null}
        {channels.isPending ? (
          <TableSkeleton columns={["Name", "Format", "URL", ""]} rows={1} label="Loading channels" />
        ) : channels.isError ? (
          <ErrorState title="Channels could not be loaded" message={channels.error.message} onRetry={() => void channels.refetch()} />
        ) : channels.data.length === 0 ? (
          <EmptyState title="No channels yet">
            <p>Alerts still open in the inbox; add a channel to be told about them.</p>
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="data-table" aria-label="Channels">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Format</th>
                  <th scope="col">URL</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {channels.data.map((channel) => (
                  <tr key={channel.id}>
                    <td>{channel.name}</td>
                    <td>{channel.kind === "slack" ? "Slack" : "JSON"}</td>
                    <td className="mono">{channel.url}</td>
                    <td>
                      <button type="button" className="button button-danger" onClick={() => deleteChannel.mutate({ projectId, channelId: channel.id })}>
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className={styles.section} aria-labelledby="deliveries-heading">
        <h2 id="deliveries-heading">Delivery log</h2>
        {deliveries.isPending ? (
          <TableSkeleton columns={["When", "Alert", "Channel", "Notice", "Status", "Attempts", "Response"]} rows={3} label="Loading deliveries" />
        ) : deliveries.isError ? (
          <ErrorState title="Deliveries could not be loaded" message={deliveries.error.message} onRetry={() => void deliveries.refetch()} />
        ) : deliveries.data.length === 0 ? (
          <EmptyState title="Nothing delivered yet">
            <p>Deliveries appear here as alerts fire and resolve.</p>
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="data-table" aria-label="Delivery log">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Alert</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Notice</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="numeric">Attempts</th>
                  <th scope="col">Response</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.data.map((delivery) => (
                  <tr key={delivery.id} data-testid="delivery-row">
                    <td>
                      <Timestamp date={delivery.updatedAt} />
                    </td>
                    <td>{delivery.alert.title}</td>
                    <td>{delivery.channel.name}</td>
                    <td>{delivery.noticeKind}</td>
                    <td data-testid="delivery-status">{delivery.status}</td>
                    <td className="numeric">{delivery.attempt}</td>
                    <td className="mono">
                      {delivery.responseCode ?? ""} {delivery.error ?? ""}
                      {delivery.durationMs !== null ? ` · ${delivery.durationMs} ms` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
