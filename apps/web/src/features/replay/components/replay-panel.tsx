"use client";

import type { OutputComparison, UsageDelta, Validator, ValidatorResult } from "@loupe/replay";
import type { ChatMessage } from "@loupe/schema";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { formatCost, formatInteger } from "@/lib/format";
import { useTRPC } from "@/trpc/client";
import { Conversation } from "@/features/trace-detail/components/conversation";
import styles from "./replay.module.css";
import { TextDiff } from "./text-diff";

type StoredComparison = { output: OutputComparison; deltas: UsageDelta };

function signed(value: number | null, format: (value: number) => string) {
  if (value === null) return "n/a";
  return `${value > 0 ? "+" : value < 0 ? "−" : "±"}${format(Math.abs(value))}`;
}

/** The validators the reader filled in; the server checks them again and names a bad one. */
function readValidators(draft: { pattern: string; tool: string; schema: string }): { list: Validator[] } | { error: string } {
  const list: Validator[] = [];
  if (draft.pattern.trim()) list.push({ type: "regex", pattern: draft.pattern });
  if (draft.tool.trim()) list.push({ type: "must_call_tool", tool: draft.tool.trim() });
  if (draft.schema.trim()) {
    try {
      const schema = JSON.parse(draft.schema) as unknown;
      if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return { error: "JSON Schema: must be a JSON object" };
      list.push({ type: "json_schema", schema: schema as Record<string, unknown> });
    } catch (error) {
      return { error: `JSON Schema: not valid JSON (${error instanceof Error ? error.message : String(error)})` };
    }
  }
  return { list };
}

/**
 * Replays this LLM step with the recorded context against a prompt version: preview the exact
 * request and its fidelity check first, then run it and compare with what was recorded.
 */
export function ReplayPanel({
  projectId,
  traceId,
  stepId,
  promptName,
  recordedVersion,
}: {
  projectId: string;
  traceId: string;
  stepId: string;
  promptName: string | null;
  recordedVersion: number | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [previewRequested, setPreviewRequested] = useState(false);
  const [datasetName, setDatasetName] = useState("regressions");
  const [validatorDraft, setValidatorDraft] = useState({ pattern: "", tool: "", schema: "" });
  const [validatorError, setValidatorError] = useState<string | null>(null);
  const prompt = useQuery({ ...trpc.prompt.byName.queryOptions({ projectId, name: promptName ?? "" }), enabled: promptName !== null, retry: false });
  const credentials = useQuery(trpc.providerCredential.list.queryOptions({ projectId }));
  const [credentialId, setCredentialId] = useState<string | undefined>(undefined);
  const stepRef = { projectId, traceId, stepId, ...(version !== undefined ? { promptVersion: version } : {}) };
  const preview = useQuery({ ...trpc.replay.preview.queryOptions(stepRef), enabled: previewRequested, retry: false });
  const history = useQuery(trpc.replay.forStep.queryOptions({ projectId, traceId, stepId }));
  const run = useMutation(
    trpc.replay.run.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.replay.forStep.queryKey({ projectId, traceId, stepId }) }),
    }),
  );
  const save = useMutation(trpc.replay.saveToDataset.mutationOptions());
  const result = run.data;
  const comparison = (result?.comparison ?? null) as StoredComparison | null;
  const validation = (result?.validation ?? []) as ValidatorResult[];

  return (
    <div className={styles.panel} data-testid="replay-panel">
      <div className={styles.controls}>
        {promptName ? (
          <div>
            <label className="label" htmlFor="replay-version">
              Prompt version ({promptName})
            </label>
            <select
              id="replay-version"
              className="input"
              value={version ?? recordedVersion ?? ""}
              onChange={(event) => {
                setVersion(Number(event.target.value));
                run.reset();
              }}
            >
              {prompt.data?.versions.map((option) => (
                <option key={option.version} value={option.version}>
                  v{option.version}
                  {option.version === recordedVersion ? " (recorded)" : ""}
                  {option.labels.length ? ` · ${option.labels.join(", ")}` : ""}
                </option>
              )) ?? (recordedVersion !== null ? <option value={recordedVersion}>v{recordedVersion} (recorded)</option> : null)}
            </select>
          </div>
        ) : null}
        <div>
          <label className="label" htmlFor="replay-credential">
            Provider key
          </label>
          <select id="replay-credential" className="input" value={credentialId ?? ""} onChange={(event) => setCredentialId(event.target.value || undefined)}>
            <option value="">Match the recorded provider</option>
            {credentials.data?.map((credential) => (
              <option key={credential.id} value={credential.id}>
                {credential.name} ({credential.kind}, {credential.apiKeyHint})
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button" onClick={() => setPreviewRequested(true)}>
          Preview request
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={run.isPending}
          onClick={() => {
            const validators = readValidators(validatorDraft);
            setValidatorError("error" in validators ? validators.error : null);
            if ("error" in validators) return;
            setPreviewRequested(true);
            run.mutate({ ...stepRef, validators: validators.list, ...(credentialId ? { credentialId } : {}) });
          }}
        >
          {run.isPending ? "Replaying…" : "Replay"}
        </button>
      </div>
      <details>
        <summary>Validators (optional)</summary>
        <div className={styles.controls}>
          <div>
            <label className="label" htmlFor="validator-regex">
              Output matches (regex)
            </label>
            <input id="validator-regex" className="input" value={validatorDraft.pattern} onChange={(event) => setValidatorDraft({ ...validatorDraft, pattern: event.target.value })} />
          </div>
          <div>
            <label className="label" htmlFor="validator-tool">
              Must call tool
            </label>
            <input id="validator-tool" className="input" value={validatorDraft.tool} onChange={(event) => setValidatorDraft({ ...validatorDraft, tool: event.target.value })} />
          </div>
          <div style={{ flex: 1 }}>
            <label className="label" htmlFor="validator-schema">
              Output is JSON matching this JSON Schema
            </label>
            <textarea id="validator-schema" className="input" style={{ width: "100%" }} value={validatorDraft.schema} onChange={(event) => setValidatorDraft({ ...validatorDraft, schema: event.target.value })} spellCheck={false} />
          </div>
        </div>
        {validatorError ? (
          <p role="alert" className={styles.error}>
            {validatorError}
          </p>
        ) : null}
      </details>
      {promptName === null ? (
        <p className="muted">This step does not name the prompt version it was rendered from, so it replays exactly as recorded.</p>
      ) : prompt.isError ? (
        <p className="muted">
          Prompt “{promptName}” is not in the registry. <Link href={`/project/${projectId}/prompts`}>Add its versions</Link> to replay others.
        </p>
      ) : null}
      {credentials.data?.length === 0 ? (
        <p className="muted">
          Replays call the provider with a key of this project: <Link href={`/project/${projectId}/settings`}>add one in Settings</Link>.
        </p>
      ) : null}

      {preview.isPending && previewRequested ? <p className="muted">Rebuilding the request…</p> : null}
      {preview.isError ? (
        <p role="alert" className={styles.error}>
          {preview.error.message}
        </p>
      ) : null}
      {preview.data ? (
        <>
          <div className={styles.check} data-ok={preview.data.fidelity.ok} data-testid="fidelity-check">
            {preview.data.fidelity.ok ? (
              <p>
                ✓ Fidelity: rebuilt from {promptName} v{preview.data.step.recordedVersion}, the request matches the recorded one exactly
                (fingerprint <code>{preview.data.recordedFingerprint.slice(0, 12)}</code>).
              </p>
            ) : (
              <>
                <p>⚠ Fidelity: {preview.data.fidelity.explanation}</p>
                {"differences" in preview.data.fidelity && preview.data.fidelity.differences.length > 0 ? (
                  <ul className={styles.list}>
                    {preview.data.fidelity.differences.slice(0, 5).map((difference) => (
                      <li key={difference.path}>
                        <code>{difference.path}</code>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </>
            )}
          </div>
          <dl className={styles.facts}>
            <dt>Model</dt>
            <dd>
              {preview.data.request.provider} · {preview.data.request.model}
            </dd>
            <dt>Pinned</dt>
            <dd>
              temperature {preview.data.temperature}, seed {preview.data.seed}
            </dd>
            <dt>Fingerprint</dt>
            <dd>
              <code data-testid="replay-fingerprint">{preview.data.fingerprint.slice(0, 16)}</code>{" "}
              <CopyButton text={preview.data.fingerprint} label="Copy" />
            </dd>
            <dt>Prompt messages</dt>
            <dd>
              {preview.data.replaced
                ? `messages ${preview.data.replaced.start + 1}–${preview.data.replaced.end} come from v${preview.data.promptVersion}; the rest is as recorded`
                : "the whole conversation is as recorded"}
            </dd>
          </dl>
          <details>
            <summary>Request to send ({preview.data.request.messages.length} messages)</summary>
            <Conversation messages={preview.data.request.messages} label="Messages the replay sends" />
          </details>
        </>
      ) : null}

      {run.isError ? (
        <p role="alert" className={styles.error}>
          {run.error.message}
        </p>
      ) : null}
      {result ? (
        <section aria-label="Replay result" data-testid="replay-result">
          {result.status === "failed" ? (
            <p role="alert" className={styles.error}>
              The provider call failed after {result.attempts ?? 1} attempt(s): {result.error}
            </p>
          ) : (
            <>
              <p>
                {result.cacheHit ? "Answered from an earlier replay of the same request, at no cost. " : ""}
                {comparison?.output.changed ? "The output changed." : "The output is the same as recorded."}
              </p>
              <div className={styles.sideBySide}>
                <div>
                  <h4>Recorded</h4>
                  {preview.data ? <Conversation messages={[preview.data.step.output]} label="Recorded output" /> : null}
                </div>
                <div>
                  <h4>Replayed</h4>
                  <Conversation messages={[result.response as ChatMessage]} label="Replayed output" />
                </div>
              </div>
              {comparison ? (
                <>
                  <h4>Text diff</h4>
                  <TextDiff parts={comparison.output.textDiff} label="Difference between the recorded and replayed text" />
                  {comparison.output.toolCalls.length > 0 ? (
                    <ul className={styles.list} aria-label="Tool calls compared">
                      {comparison.output.toolCalls.map((call, index) => (
                        <li key={index}>
                          {call.name}: {call.status}
                          {call.changedKeys.length ? ` (${call.changedKeys.join(", ")})` : ""}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  <dl className={styles.facts} aria-label="Changes against the recording">
                    <dt>Input tokens</dt>
                    <dd>{signed(comparison.deltas.inputTokens, formatInteger)}</dd>
                    <dt>Output tokens</dt>
                    <dd>{signed(comparison.deltas.outputTokens, formatInteger)}</dd>
                    <dt>Cost</dt>
                    <dd>{signed(comparison.deltas.cost, formatCost)}</dd>
                    <dt>Latency</dt>
                    <dd>{signed(comparison.deltas.latencyMs, (value) => `${formatInteger(Math.round(value))} ms`)}</dd>
                  </dl>
                </>
              ) : null}
              {validation.length > 0 ? (
                <ul className={styles.list} aria-label="Validators">
                  {validation.map((check, index) => (
                    <li key={index}>
                      {check.passed ? "✓" : "✗"} {check.validator.type}: {check.reason}
                    </li>
                  ))}
                </ul>
              ) : null}
            </>
          )}
        </section>
      ) : null}

      <div className={styles.controls}>
        <div>
          <label className="label" htmlFor="dataset-name">
            Dataset
          </label>
          <input id="dataset-name" className="input" value={datasetName} onChange={(event) => setDatasetName(event.target.value)} maxLength={100} />
        </div>
        <button
          type="button"
          className="button"
          disabled={save.isPending || datasetName.trim().length === 0}
          onClick={() => save.mutate({ projectId, traceId, stepId, datasetName })}
        >
          Save as regression case
        </button>
        {save.data ? (
          <span role="status">
            Saved: “{save.data.name}” holds {formatInteger(save.data.itemCount)} step(s).
          </span>
        ) : null}
        {save.error ? <span className={styles.error}>{save.error.message}</span> : null}
      </div>

      {history.data && history.data.length > 0 ? (
        <details>
          <summary>Earlier replays of this step ({history.data.length})</summary>
          <ul className={styles.list}>
            {history.data.map((replay) => (
              <li key={replay.id}>
                v{replay.promptVersion?.version ?? "?"} · {replay.status}
                {replay.cacheHit ? " · cached" : ""} · {formatCost(replay.cost)} · <code>{replay.fingerprint.slice(0, 10)}</code>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
