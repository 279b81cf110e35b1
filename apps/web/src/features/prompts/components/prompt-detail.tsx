"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { ErrorState } from "@/components/error-state";
import { JsonView } from "@/components/json-view";
import { Timestamp } from "@/components/timestamp";
import { TextDiff } from "@/features/replay/components/text-diff";
import { useTRPC } from "@/trpc/client";
import { promptHref } from "./prompt-list";
import { PromptVersionForm } from "./prompt-version-form";
import styles from "./prompts.module.css";

/** A prompt's versions: read one, compare two, move labels, write the next. */
export function PromptDetail({ projectId, name }: { projectId: string; name: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const searchParams = useSearchParams();
  const prompt = useQuery(trpc.prompt.byName.queryOptions({ projectId, name }));
  const [compareWith, setCompareWith] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  // An edit belongs to the version it was typed on: another version shows its own labels.
  const [labelEdit, setLabelEdit] = useState<{ version: number; text: string } | null>(null);
  const setLabels = useMutation(
    trpc.prompt.setLabels.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.prompt.pathKey() }) }),
  );

  const versions = prompt.data?.versions ?? [];
  const requested = Number(searchParams.get("version"));
  const selected = versions.find((version) => version.version === requested) ?? versions[0];
  const diff = useQuery({
    ...trpc.prompt.diff.queryOptions({ projectId, name, from: compareWith ?? 1, to: selected?.version ?? 1 }),
    enabled: compareWith !== null && selected !== undefined && compareWith !== selected.version,
  });

  if (prompt.isPending) return <p className="muted">Loading the prompt…</p>;
  if (prompt.isError) return <ErrorState title="The prompt could not be loaded" message={prompt.error.message} onRetry={() => void prompt.refetch()} />;
  if (!selected) return null;
  const labelText = labelEdit?.version === selected.version ? labelEdit.text : selected.labels.join(", ");

  return (
    <div className={styles.layout}>
      <nav aria-label="Versions">
        <ol className={styles.versions}>
          {versions.map((version) => (
            <li key={version.version}>
              <Link href={promptHref(projectId, name, version.version)} aria-current={version.version === selected.version ? "true" : undefined} scroll={false}>
                <strong>v{version.version}</strong> {version.labels.map((label) => <span key={label} className="tag">{label}</span>)}
                <div className="faint">{version.commitMessage ?? "No message"}</div>
              </Link>
            </li>
          ))}
        </ol>
      </nav>
      <div className={styles.detail} data-testid="prompt-version">
        <h2>
          {name} v{selected.version}
        </h2>
        <p className="muted">
          Created <Timestamp date={selected.createdAt} /> · variables: {selected.variables.length ? selected.variables.map((variable) => <code key={variable}>{`{{${variable}}}`} </code>) : "none"}
        </p>
        {selected.commitMessage ? <p>{selected.commitMessage}</p> : null}

        <div className={styles.row}>
          <div>
            <label className="label" htmlFor="version-labels">
              Labels on v{selected.version}
            </label>
            <input
              id="version-labels"
              className="input"
              value={labelText}
              onChange={(event) => setLabelEdit({ version: selected.version, text: event.target.value })}
            />
          </div>
          <button
            type="button"
            className="button"
            disabled={setLabels.isPending}
            onClick={() =>
              setLabels.mutate(
                { projectId, name, version: selected.version, labels: labelText.split(",").map((label) => label.trim()).filter(Boolean) },
                { onSuccess: () => setLabelEdit(null) },
              )
            }
          >
            Move labels here
          </button>
          <div>
            <label className="label" htmlFor="compare-with">
              Compare with
            </label>
            <select id="compare-with" className="input" value={compareWith ?? ""} onChange={(event) => setCompareWith(event.target.value ? Number(event.target.value) : null)}>
              <option value="">—</option>
              {versions
                .filter((version) => version.version !== selected.version)
                .map((version) => (
                  <option key={version.version} value={version.version}>
                    v{version.version}
                  </option>
                ))}
            </select>
          </div>
          <button type="button" className="button button-primary" onClick={() => setEditing((open) => !open)} aria-expanded={editing}>
            New version from v{selected.version}
          </button>
        </div>
        {setLabels.error ? <p role="alert" className={styles.error}>{setLabels.error.message}</p> : null}

        {editing ? (
          <PromptVersionForm
            key={selected.version}
            projectId={projectId}
            name={name}
            startFrom={{ template: selected.template, config: selected.config }}
            onCreated={(_, version) => {
              setEditing(false);
              router.push(promptHref(projectId, name, version));
            }}
          />
        ) : null}

        {compareWith !== null && diff.data ? (
          <section aria-label={`Changes from v${diff.data.from} to v${diff.data.to}`}>
            <h3>
              v{diff.data.from} → v{diff.data.to}
            </h3>
            <TextDiff parts={diff.data.parts} label="Changes between the two versions" />
          </section>
        ) : diff.isError ? (
          <p role="alert" className={styles.error}>{diff.error.message}</p>
        ) : null}

        <section aria-label="Template">
          <h3>Template</h3>
          {selected.template.type === "text" ? (
            <div className={styles.message}>
              <pre>{selected.template.text}</pre>
            </div>
          ) : (
            selected.template.messages.map((message, index) => (
              <div key={index} className={styles.message}>
                <strong>{message.role}</strong> <CopyButton text={message.content} label="Copy" />
                <pre>{message.content}</pre>
              </div>
            ))
          )}
        </section>
        <section aria-label="Config">
          <h3>Config</h3>
          <JsonView value={selected.config} label="Prompt config" />
        </section>
      </div>
    </div>
  );
}
