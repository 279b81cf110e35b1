"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { ErrorState } from "@/components/error-state";
import sectionStyles from "@/components/settings-section.module.css";
import { useTRPC } from "@/trpc/client";
import { fromSettingsForm, matchFieldErrors, toSettingsForm, type SettingsForm } from "../lib/settings-form";
import styles from "./analysis-settings.module.css";
import { ReanalysisPanel } from "./reanalysis-panel";

const FIELDS: { field: keyof SettingsForm; label: string; hint: string; wide?: boolean }[] = [
  { field: "repeatThreshold", label: "Repeat threshold", hint: "Identical calls in a row before a loop is flagged." },
  { field: "retryStormThreshold", label: "Retry-storm threshold", hint: "Attempts failing with the same error." },
  { field: "sideEffectPatterns", label: "Side-effect tools", hint: "Comma-separated names; * matches anything.", wide: true },
  { field: "sideEffectMaxPerRun", label: "Side-effect calls per run", hint: "Calls of one such tool allowed in a run." },
  { field: "spikeThresholdMads", label: "Spike threshold (MADs)", hint: "Robust deviations above the usual value." },
  { field: "perRunUsd", label: "Per-run budget (USD)", hint: "Empty for none." },
  { field: "perDayUsd", label: "Per-day budget (USD)", hint: "Empty for none." },
  { field: "maxSteps", label: "Max steps per run", hint: "Steps before a run counts as runaway." },
  { field: "spikeMinCostUsd", label: "Smallest cost spike (USD)", hint: "A run or call costing less is never a spike." },
  { field: "planItemMinOverlap", label: "Plan item match (0–1)", hint: "Share of an item's words a call must carry out." },
  { field: "planDriftMinUnplannedCalls", label: "Unplanned calls", hint: "Calls outside the plan before drift is flagged." },
  { field: "planDriftMinUnplannedShare", label: "Unplanned share (0–1)", hint: "…and their share of the calls made under it." },
  { field: "planGoalMinOverlap", label: "Answer–request match (0–1)", hint: "Share of the request's words the answer must keep." },
];

/** The project's detector thresholds and budgets, and re-analysing stored runs with them. */
export function AnalysisSettingsEditor({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const getOptions = trpc.analysisSettings.get.queryOptions({ projectId });
  const settingsQuery = useQuery(getOptions);
  const [form, setForm] = useState<SettingsForm | null>(null);
  const save = useMutation(
    trpc.analysisSettings.save.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(getOptions.queryKey, saved);
        setForm(toSettingsForm(saved.settings));
      },
    }),
  );

  useEffect(() => {
    if (settingsQuery.data && form === null) setForm(toSettingsForm(settingsQuery.data.settings));
  }, [settingsQuery.data, form]);

  const fieldErrors = matchFieldErrors(save.error?.data?.fieldErrors);
  const hasFieldErrors = Object.keys(fieldErrors).length > 0;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form || !settingsQuery.data) return;
    save.mutate({ projectId, settings: fromSettingsForm(form, settingsQuery.data.settings) });
  }

  return (
    <section className={sectionStyles.section} aria-labelledby="detection-heading">
      <div>
        <h2 id="detection-heading">Detection</h2>
        <p className={sectionStyles.hint}>
          Thresholds and budgets the detectors apply to this project&apos;s runs. New runs use them once saved;
          re-analyse to apply them to runs already stored.
        </p>
      </div>
      {settingsQuery.isError ? (
        <ErrorState
          title="Detection settings could not be loaded"
          message={settingsQuery.error.message}
          onRetry={() => void settingsQuery.refetch()}
        />
      ) : (
        <form onSubmit={submit} aria-label="Detection settings" noValidate>
          <div className={styles.fields}>
            {FIELDS.map(({ field, label, hint, wide }) => {
              const error = fieldErrors[field];
              const inputId = `detection-${field}`;
              return (
                <div key={field} className={`${styles.field} ${wide ? styles.wide : ""}`}>
                  <label className="label" htmlFor={inputId}>
                    {label}
                  </label>
                  <input
                    id={inputId}
                    className="input"
                    inputMode={field === "sideEffectPatterns" ? "text" : "decimal"}
                    value={form?.[field] ?? ""}
                    placeholder={settingsQuery.isPending ? "Loading…" : undefined}
                    disabled={form === null}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={`${inputId}-hint`}
                    onChange={(event) => form && setForm({ ...form, [field]: event.target.value })}
                  />
                  <span id={`${inputId}-hint`} className={error ? styles.fieldError : sectionStyles.hint} role={error ? "alert" : undefined}>
                    {error ?? hint}
                  </span>
                </div>
              );
            })}
          </div>
          <div className={sectionStyles.actions}>
            <button type="submit" className="button button-primary" disabled={save.isPending || form === null}>
              {save.isPending ? "Saving…" : "Save detection settings"}
            </button>
            {save.isSuccess && !save.isPending ? <span role="status">Saved.</span> : null}
            {save.error && !hasFieldErrors ? (
              <span role="alert" className={sectionStyles.error}>
                {save.error.message}
              </span>
            ) : null}
          </div>
        </form>
      )}
      <ReanalysisPanel projectId={projectId} />
    </section>
  );
}
