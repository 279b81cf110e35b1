"use client";

import type { AlertGroupField } from "@loupe/alerts";
import { FindingKind, Severity } from "@loupe/schema";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ErrorState } from "@/components/error-state";
import { TableSkeleton } from "@/components/table-skeleton";
import { useTRPC } from "@/trpc/client";
import { SeverityBadge } from "./alert-badges";
import styles from "./alerts.module.css";

const METRICS = [
  { id: "error_rate", label: "Error rate (0–1)" },
  { id: "cost_per_hour", label: "Cost per hour (USD)" },
  { id: "p95_latency_ms", label: "p95 latency (ms)" },
  { id: "runs_over_budget", label: "Runs over budget" },
] as const;

/** What a finding rule can split its alerts by, as people read it. */
const GROUP_FIELDS: { id: AlertGroupField; label: string }[] = [
  { id: "trace.name", label: "Run name" },
  { id: "finding.kind", label: "Finding kind" },
  { id: "agent", label: "Agent" },
  { id: "environment", label: "Environment" },
];
const DEFAULT_GROUP_BY: AlertGroupField[] = ["trace.name", "finding.kind"];

function describeCondition(rule: {
  type: string;
  findingKinds: string[];
  metric: string | null;
  threshold: number | null;
  windowSeconds: number | null;
  groupBy: string[];
}) {
  if (rule.type === "finding") {
    const grouping = rule.groupBy.length > 0 ? `, one alert per ${rule.groupBy.join(" + ")}` : ", one alert in all";
    return `${rule.findingKinds.join(", ")}${grouping}`;
  }
  return `${rule.metric ?? "?"} > ${rule.threshold ?? "?"} over ${Math.round((rule.windowSeconds ?? 3600) / 60)} min`;
}

/** The project's alert rules: enable, disable, delete, and add one. */
export function AlertRules({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rules = useQuery(trpc.alert.rules.queryOptions({ projectId }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.alert.rules.queryKey({ projectId }) });
  const saveRule = useMutation(trpc.alert.saveRule.mutationOptions({ onSettled: refresh }));
  const deleteRule = useMutation(trpc.alert.deleteRule.mutationOptions({ onSettled: refresh }));
  const setEnabled = useMutation(trpc.alert.setRuleEnabled.mutationOptions({ onSettled: refresh }));

  return (
    <>
      <section className={styles.section} aria-labelledby="rules-heading">
        <h2 id="rules-heading">Rules</h2>
        {rules.isPending ? (
          <TableSkeleton columns={["Rule", "When", "Severity", "Cooldown", "Enabled", ""]} rows={6} label="Loading rules" />
        ) : rules.isError ? (
          <ErrorState title="Rules could not be loaded" message={rules.error.message} onRetry={() => void rules.refetch()} />
        ) : (
          <div className="table-wrap">
            <table className="data-table" aria-label="Alert rules">
              <thead>
                <tr>
                  <th scope="col">Rule</th>
                  <th scope="col">When</th>
                  <th scope="col">Severity</th>
                  <th scope="col" className="numeric">Cooldown</th>
                  <th scope="col">Enabled</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rules.data.map((rule) => (
                  <tr key={rule.id} data-testid="alert-rule-row">
                    <td>{rule.name}</td>
                    <td className="mono">{describeCondition(rule)}</td>
                    <td>
                      <SeverityBadge severity={rule.severity} />
                    </td>
                    <td className="numeric">{Math.round(rule.cooldownSeconds / 60)} min</td>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Enable ${rule.name}`}
                        checked={rule.enabled}
                        disabled={setEnabled.isPending}
                        onChange={(event) =>
                          setEnabled.mutate({ projectId, ruleId: rule.id, enabled: event.target.checked })
                        }
                      />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button button-danger"
                        disabled={deleteRule.isPending}
                        onClick={() => deleteRule.mutate({ projectId, ruleId: rule.id })}
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {saveRule.error ?? setEnabled.error ?? deleteRule.error ? (
          <p role="alert" className={styles.formError}>
            {(saveRule.error ?? setEnabled.error ?? deleteRule.error)?.message}
          </p>
        ) : null}
      </section>
      <NewRuleForm
        isSaving={saveRule.isPending}
        onSave={(rule, reset) => saveRule.mutate({ projectId, rule }, { onSuccess: reset })}
      />
    </>
  );
}

type NewRule = {
  name: string;
  type: "finding" | "metric";
  findingKinds: FindingKind[];
  metric?: (typeof METRICS)[number]["id"];
  threshold?: number;
  windowSeconds: number;
  severity: Severity;
  cooldownSeconds: number;
  groupBy: AlertGroupField[];
};

function NewRuleForm({ isSaving, onSave }: { isSaving: boolean; onSave: (rule: NewRule, reset: () => void) => void }) {
  const [type, setType] = useState<"finding" | "metric">("finding");
  const [name, setName] = useState("");
  const [kinds, setKinds] = useState<FindingKind[]>([]);
  const [groupBy, setGroupBy] = useState<AlertGroupField[]>(DEFAULT_GROUP_BY);
  const [metric, setMetric] = useState<(typeof METRICS)[number]["id"]>("error_rate");
  const [threshold, setThreshold] = useState("0.2");
  const [windowMinutes, setWindowMinutes] = useState("60");
  const [severity, setSeverity] = useState<Severity>("high");
  const [cooldownMinutes, setCooldownMinutes] = useState("15");

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSave(
      {
        name,
        type,
        findingKinds: type === "finding" ? kinds : [],
        ...(type === "metric" ? { metric, threshold: Number(threshold) } : {}),
        windowSeconds: Number(windowMinutes) * 60,
        severity,
        cooldownSeconds: Number(cooldownMinutes) * 60,
        groupBy: type === "finding" ? groupBy : [],
      },
      () => {
        setName("");
        setKinds([]);
        setGroupBy(DEFAULT_GROUP_BY);
      },
    );
  }

  return (
    <section className={styles.section} aria-labelledby="new-rule-heading">
      <h2 id="new-rule-heading">Add a rule</h2>
      <form className={styles.form} onSubmit={submit} aria-label="Add an alert rule">
        <div>
          <label className="label" htmlFor="rule-name">
            Name
          </label>
          <input id="rule-name" className="input" value={name} onChange={(event) => setName(event.target.value)} required maxLength={120} />
        </div>
        <div>
          <label className="label" htmlFor="rule-type">
            Fires on
          </label>
          <select id="rule-type" className="input" value={type} onChange={(event) => setType(event.target.value as "finding" | "metric")}>
            <option value="finding">Findings</option>
            <option value="metric">A metric over a window</option>
          </select>
        </div>
        {type === "finding" ? (
          <fieldset className={styles.kinds}>
            <legend className="label">Finding kinds</legend>
            {FindingKind.options.map((kind) => (
              <label key={kind}>
                <input
                  type="checkbox"
                  checked={kinds.includes(kind)}
                  onChange={(event) =>
                    setKinds((current) => (event.target.checked ? [...current, kind] : current.filter((value) => value !== kind)))
                  }
                />{" "}
                {kind}
              </label>
            ))}
          </fieldset>
        ) : null}
        {type === "finding" ? (
          <fieldset className={styles.kinds}>
            <legend className="label">One alert per</legend>
            {GROUP_FIELDS.map((field) => (
              <label key={field.id}>
                <input
                  type="checkbox"
                  checked={groupBy.includes(field.id)}
                  onChange={(event) =>
                    setGroupBy((current) =>
                      event.target.checked ? [...current, field.id] : current.filter((value) => value !== field.id),
                    )
                  }
                />{" "}
                {field.label}
              </label>
            ))}
          </fieldset>
        ) : (
          <>
            <div>
              <label className="label" htmlFor="rule-metric">
                Metric
              </label>
              <select id="rule-metric" className="input" value={metric} onChange={(event) => setMetric(event.target.value as typeof metric)}>
                {METRICS.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.label}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label className="label" htmlFor="rule-threshold">
                Above
              </label>
              <input id="rule-threshold" className="input" inputMode="decimal" value={threshold} onChange={(event) => setThreshold(event.target.value)} />
            </div>
            <div>
              <label className="label" htmlFor="rule-window">
                Window (min)
              </label>
              <input id="rule-window" className="input" inputMode="numeric" value={windowMinutes} onChange={(event) => setWindowMinutes(event.target.value)} />
            </div>
          </>
        )}
        <div>
          <label className="label" htmlFor="rule-severity">
            Severity
          </label>
          <select id="rule-severity" className="input" value={severity} onChange={(event) => setSeverity(event.target.value as Severity)}>
            {Severity.options.map((option) => (
              <option key={option}>{option}</option>
            ))}
          </select>
        </div>
        <div>
          <label className="label" htmlFor="rule-cooldown">
            Cooldown (min)
          </label>
          <input id="rule-cooldown" className="input" inputMode="numeric" value={cooldownMinutes} onChange={(event) => setCooldownMinutes(event.target.value)} />
        </div>
        <button type="submit" className="button button-primary" disabled={isSaving}>
          {isSaving ? "Saving…" : "Add rule"}
        </button>
      </form>
    </section>
  );
}
