"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { TableSkeleton } from "@/components/table-skeleton";
import { Timestamp } from "@/components/timestamp";
import { formatCost, formatInteger } from "@/lib/format";
import { useTRPC } from "@/trpc/client";
import styles from "./replay.module.css";

/** A prompt version over many recorded steps: start one, watch its progress, read its summary. */
export function ReplayBatches({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const prompts = useQuery(trpc.prompt.list.queryOptions({ projectId }));
  const datasets = useQuery(trpc.replay.datasets.queryOptions({ projectId }));
  const batches = useQuery({
    ...trpc.replay.batches.queryOptions({ projectId }),
    // Poll only while something is still running.
    refetchInterval: (query) => (query.state.data?.some((batch) => batch.status === "running") ? 1_000 : false),
  });
  const start = useMutation(
    trpc.replay.startBatch.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.replay.batches.queryKey({ projectId }) }) }),
  );
  const [promptName, setPromptName] = useState("");
  const [version, setVersion] = useState("");
  const [recordedVersion, setRecordedVersion] = useState("");
  const [datasetId, setDatasetId] = useState("");
  const [limit, setLimit] = useState("20");
  const [concurrency, setConcurrency] = useState("2");
  const [costCap, setCostCap] = useState("1");
  const chosenPrompt = promptName || prompts.data?.[0]?.name || "";
  const promptVersions = useQuery({ ...trpc.prompt.byName.queryOptions({ projectId, name: chosenPrompt }), enabled: chosenPrompt !== "" });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = Number(version || promptVersions.data?.versions[0]?.version);
    start.mutate({
      projectId,
      promptName: chosenPrompt,
      promptVersion: target,
      selection: {
        limit: Number(limit),
        ...(recordedVersion ? { recordedVersion: Number(recordedVersion) } : {}),
        ...(datasetId ? { datasetId } : {}),
      },
      concurrency: Number(concurrency),
      ...(costCap ? { costCap: Number(costCap) } : {}),
      validators: [],
    });
  }

  return (
    <section aria-labelledby="batches-heading" className={styles.panel}>
      <h2 id="batches-heading">Batch replays</h2>
      <form className={styles.controls} onSubmit={submit} aria-label="Start a batch replay">
        <div>
          <label className="label" htmlFor="batch-prompt">
            Prompt
          </label>
          <select id="batch-prompt" className="input" value={chosenPrompt} onChange={(event) => {
              // Version numbers belong to a prompt: the ones chosen for the last prompt mean nothing now.
              setPromptName(event.target.value);
              setVersion("");
              setRecordedVersion("");
            }}>
            {prompts.data?.map((prompt) => (
              <option key={prompt.name}>{prompt.name}</option>
            ))}
          </select>
        </div>
        <div>
          <label className="label" htmlFor="batch-version">
            Replay with
          </label>
          <select id="batch-version" className="input" value={version} onChange={(event) => setVersion(event.target.value)}>
            {promptVersions.data?.versions.map((option) => (
              <option key={option.version} value={option.version}>
                v{option.version} {option.labels.join(", ")}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="label" htmlFor="batch-recorded">
            Steps recorded with
          </label>
          <select id="batch-recorded" className="input" value={recordedVersion} onChange={(event) => setRecordedVersion(event.target.value)}>
            <option value="">any version</option>
            {promptVersions.data?.versions.map((option) => (
              <option key={option.version} value={option.version}>
                v{option.version}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="label" htmlFor="batch-dataset">
            Or a dataset
          </label>
          <select id="batch-dataset" className="input" value={datasetId} onChange={(event) => setDatasetId(event.target.value)}>
            <option value="">—</option>
            {datasets.data?.map((dataset) => (
              <option key={dataset.id} value={dataset.id}>
                {dataset.name} ({dataset.itemCount})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="label" htmlFor="batch-limit">
            At most
          </label>
          <input id="batch-limit" className="input" inputMode="numeric" value={limit} onChange={(event) => setLimit(event.target.value)} style={{ width: 70 }} />
        </div>
        <div>
          <label className="label" htmlFor="batch-concurrency">
            In parallel
          </label>
          <input id="batch-concurrency" className="input" inputMode="numeric" value={concurrency} onChange={(event) => setConcurrency(event.target.value)} style={{ width: 60 }} />
        </div>
        <div>
          <label className="label" htmlFor="batch-cap">
            Cost cap (USD)
          </label>
          <input id="batch-cap" className="input" inputMode="decimal" value={costCap} onChange={(event) => setCostCap(event.target.value)} style={{ width: 80 }} />
        </div>
        <button type="submit" className="button button-primary" disabled={start.isPending || chosenPrompt === ""}>
          {start.isPending ? "Starting…" : "Start batch"}
        </button>
      </form>
      {start.error ? (
        <p role="alert" className={styles.error}>
          {start.error.message}
        </p>
      ) : null}
      {batches.isPending ? (
        <TableSkeleton
          columns={["Started", "Prompt", "Progress", "Changed", "Unchanged", "Failed", "Validator failures", "Cost", "Status"]}
          rows={3}
          label="Loading batch replays"
        />
      ) : batches.isError ? (
        <ErrorState title="Batches could not be loaded" message={batches.error.message} onRetry={() => void batches.refetch()} />
      ) : batches.data.length === 0 ? (
        <EmptyState title="No batch replays yet">
          <p>Replay a new prompt version over many recorded steps to see how often its output changes, and at what cost.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="data-table" aria-label="Batch replays">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Prompt</th>
                <th scope="col">Progress</th>
                <th scope="col" className="numeric">Changed</th>
                <th scope="col" className="numeric">Unchanged</th>
                <th scope="col" className="numeric">Failed</th>
                <th scope="col" className="numeric">Validator failures</th>
                <th scope="col" className="numeric">Cost</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {batches.data.map((batch) => (
                <tr key={batch.id} data-testid="batch-row">
                  <td>
                    <Timestamp date={batch.createdAt} />
                  </td>
                  <td>
                    <Link href={`/project/${projectId}/prompts/${encodeURIComponent(batch.promptVersion.prompt.name)}?version=${batch.promptVersion.version}`}>
                      {batch.promptVersion.prompt.name} v{batch.promptVersion.version}
                    </Link>
                  </td>
                  <td>
                    <progress className={styles.progress} max={batch.total} value={batch.completed} aria-label="Replayed so far" />
                    {formatInteger(batch.completed)} / {formatInteger(batch.total)}
                  </td>
                  <td className="numeric">{formatInteger(batch.changed)}</td>
                  <td className="numeric">{formatInteger(batch.unchanged)}</td>
                  <td className="numeric">{formatInteger(batch.failed)}</td>
                  <td className="numeric">{formatInteger(batch.validatorFailures)}</td>
                  <td className="numeric">{formatCost(batch.cost)}</td>
                  <td data-testid="batch-status" title={batch.error ?? undefined}>
                    {batch.status.replaceAll("_", " ")}
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
