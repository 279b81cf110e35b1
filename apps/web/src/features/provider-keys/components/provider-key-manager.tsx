"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ErrorState } from "@/components/error-state";
import { TableSkeleton } from "@/components/table-skeleton";
import { Timestamp } from "@/components/timestamp";
import { useTRPC } from "@/trpc/client";
import styles from "@/features/api-keys/components/api-keys.module.css";

const DEFAULT_BASE_URLS = { openai: "https://api.openai.com/v1", anthropic: "https://api.anthropic.com" } as const;

/** Keys for the LLM providers replays call; stored encrypted, shown only by their last characters. */
export function ProviderKeyManager({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listOptions = trpc.providerCredential.list.queryOptions({ projectId });
  const keys = useQuery(listOptions);
  const refresh = () => queryClient.invalidateQueries({ queryKey: listOptions.queryKey });
  const create = useMutation(trpc.providerCredential.create.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.providerCredential.delete.mutationOptions({ onSettled: refresh }));
  const [name, setName] = useState("");
  const [kind, setKind] = useState<"openai" | "anthropic">("openai");
  const [baseUrl, setBaseUrl] = useState<string>(DEFAULT_BASE_URLS.openai);
  const [apiKey, setApiKey] = useState("");

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(
      { projectId, name, kind, baseUrl, apiKey },
      {
        onSuccess: () => {
          setName("");
          setApiKey("");
        },
      },
    );
  }

  return (
    <section className={styles.section} aria-labelledby="provider-keys-heading">
      <div className={styles.sectionHeader}>
        <h2 id="provider-keys-heading">Provider keys</h2>
        <p>
          Replays call the model with these. OpenAI-compatible covers OpenAI, Azure OpenAI, vLLM, Ollama, LiteLLM and
          others through the base URL. Keys are encrypted at rest.
        </p>
      </div>
      <form className={styles.form} onSubmit={submit} aria-label="Add a provider key" style={{ flexWrap: "wrap" }}>
        <div>
          <label className="label" htmlFor="provider-name">
            Name
          </label>
          <input id="provider-name" className="input" value={name} onChange={(event) => setName(event.target.value)} required maxLength={100} />
        </div>
        <div>
          <label className="label" htmlFor="provider-kind">
            API
          </label>
          <select
            id="provider-kind"
            className="input"
            value={kind}
            onChange={(event) => {
              const next = event.target.value as "openai" | "anthropic";
              setKind(next);
              setBaseUrl(DEFAULT_BASE_URLS[next]);
            }}
          >
            <option value="openai">OpenAI-compatible chat completions</option>
            <option value="anthropic">Anthropic messages</option>
          </select>
        </div>
        <div>
          <label className="label" htmlFor="provider-base-url">
            Base URL
          </label>
          <input id="provider-base-url" className="input" type="url" value={baseUrl} onChange={(event) => setBaseUrl(event.target.value)} required style={{ width: 280 }} />
        </div>
        <div>
          <label className="label" htmlFor="provider-api-key">
            API key
          </label>
          <input id="provider-api-key" className="input" type="password" autoComplete="off" value={apiKey} onChange={(event) => setApiKey(event.target.value)} required />
        </div>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? "Saving…" : "Add key"}
        </button>
        {create.error ? (
          <p role="alert" className={styles.formError}>
            {create.error.message}
          </p>
        ) : null}
      </form>
      {keys.isPending ? (
        <TableSkeleton columns={["Name", "API", "Base URL", "Key", "Added", ""]} rows={1} label="Loading provider keys" />
      ) : keys.isError ? (
        <ErrorState title="Provider keys could not be loaded" message={keys.error.message} onRetry={() => void keys.refetch()} />
      ) : keys.data.length === 0 ? (
        <p className="muted">No provider keys yet: replays need one.</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table" aria-label="Provider keys">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">API</th>
                <th scope="col">Base URL</th>
                <th scope="col">Key</th>
                <th scope="col">Added</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((key) => (
                <tr key={key.id} data-testid="provider-key-row">
                  <td>{key.name}</td>
                  <td>{key.kind === "openai" ? "OpenAI-compatible" : "Anthropic"}</td>
                  <td className="mono">{key.baseUrl}</td>
                  <td className="mono">{key.apiKeyHint}</td>
                  <td>
                    <Timestamp date={key.createdAt} />
                  </td>
                  <td>
                    <button type="button" className="button button-danger" disabled={remove.isPending} onClick={() => remove.mutate({ projectId, credentialId: key.id })}>
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
  );
}
