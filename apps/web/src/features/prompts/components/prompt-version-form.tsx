"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/trpc/client";
import styles from "./prompts.module.css";

const STARTER_TEMPLATE = { type: "chat", messages: [{ role: "system", content: "You are a helpful assistant for {{company}}." }] };

function parseJson(text: string, field: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: `${field}: not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}

/**
 * A new immutable version: the template as JSON (chat messages or text with {{variables}}), the
 * model config, labels and a commit message. Starts from the version being viewed.
 */
export function PromptVersionForm({
  projectId,
  name: fixedName,
  startFrom,
  onCreated,
}: {
  projectId: string;
  name?: string;
  startFrom?: { template: unknown; config: unknown };
  onCreated: (name: string, version: number) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.prompt.createVersion.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.prompt.pathKey() }) }),
  );
  const [name, setName] = useState(fixedName ?? "");
  const [template, setTemplate] = useState(JSON.stringify(startFrom?.template ?? STARTER_TEMPLATE, null, 2));
  const [config, setConfig] = useState(JSON.stringify(startFrom?.config ?? {}, null, 2));
  const [labels, setLabels] = useState("");
  const [commitMessage, setCommitMessage] = useState("");
  const [parseError, setParseError] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsedTemplate = parseJson(template, "template");
    const parsedConfig = parseJson(config, "config");
    const failure = "error" in parsedTemplate ? parsedTemplate.error : "error" in parsedConfig ? parsedConfig.error : null;
    setParseError(failure);
    if ("error" in parsedTemplate || "error" in parsedConfig) return;
    create.mutate(
      {
        projectId,
        name,
        // The server validates both shapes and names the field that is wrong.
        template: parsedTemplate.value as never,
        config: parsedConfig.value as never,
        labels: labels.split(",").map((label) => label.trim()).filter(Boolean),
        ...(commitMessage.trim() ? { commitMessage } : {}),
      },
      { onSuccess: (created) => onCreated(name, created.version) },
    );
  }

  return (
    <form className={styles.form} onSubmit={submit} aria-label={fixedName ? `New version of ${fixedName}` : "New prompt"}>
      {fixedName ? null : (
        <div>
          <label className="label" htmlFor="prompt-name">
            Name
          </label>
          <input id="prompt-name" className="input" value={name} onChange={(event) => setName(event.target.value)} required maxLength={120} />
        </div>
      )}
      <div>
        <label className="label" htmlFor="prompt-template">
          Template (JSON: {"{"}&quot;type&quot;: &quot;chat&quot;, &quot;messages&quot;: […]{"}"} or {"{"}&quot;type&quot;: &quot;text&quot;, &quot;text&quot;: …{"}"})
        </label>
        <textarea id="prompt-template" className={`input ${styles.textarea}`} value={template} onChange={(event) => setTemplate(event.target.value)} spellCheck={false} />
      </div>
      <div>
        <label className="label" htmlFor="prompt-config">
          Config (JSON: model, parameters, tools)
        </label>
        <textarea id="prompt-config" className={`input ${styles.textarea}`} style={{ minHeight: 80 }} value={config} onChange={(event) => setConfig(event.target.value)} spellCheck={false} />
      </div>
      <div className={styles.row}>
        <div>
          <label className="label" htmlFor="prompt-labels">
            Labels (comma-separated)
          </label>
          <input id="prompt-labels" className="input" value={labels} onChange={(event) => setLabels(event.target.value)} placeholder="staging" />
        </div>
        <div style={{ flex: 1 }}>
          <label className="label" htmlFor="prompt-commit">
            Commit message
          </label>
          <input id="prompt-commit" className="input" style={{ width: "100%" }} value={commitMessage} onChange={(event) => setCommitMessage(event.target.value)} maxLength={500} />
        </div>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? "Saving…" : "Save version"}
        </button>
      </div>
      {parseError ?? create.error ? (
        <p role="alert" className={styles.error}>
          {parseError ?? create.error?.message}
        </p>
      ) : null}
    </form>
  );
}
