"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { ErrorState } from "@/components/error-state";
import sectionStyles from "@/components/settings-section.module.css";
import { useTRPC } from "@/trpc/client";
import { EMPTY_ROW, toOverride, toRow, type OverrideRow } from "../lib/override-rows";
import styles from "./price-overrides.module.css";

const PRICE_FIELDS = [
  ["inputPerMillion", "Input $/M"],
  ["outputPerMillion", "Output $/M"],
  ["cachedInputPerMillion", "Cached $/M"],
] as const;

/** A project's own prices, for models the public price table lacks or prices it negotiated. */
export function PriceOverrideEditor({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listOptions = trpc.priceOverride.list.queryOptions({ projectId });
  const overridesQuery = useQuery(listOptions);
  const [rows, setRows] = useState<OverrideRow[] | null>(null);
  const save = useMutation(
    trpc.priceOverride.save.mutationOptions({
      onSuccess: (saved) => queryClient.setQueryData(listOptions.queryKey, saved),
    }),
  );

  useEffect(() => {
    if (overridesQuery.data && rows === null) setRows(overridesQuery.data.map(toRow));
  }, [overridesQuery.data, rows]);

  if (overridesQuery.isError) {
    return <ErrorState title="Could not load price overrides" message={overridesQuery.error.message} onRetry={() => void overridesQuery.refetch()} />;
  }
  const editable = rows ?? [];
  const updateRow = (index: number, change: Partial<OverrideRow>) =>
    setRows(editable.map((row, position) => (position === index ? { ...row, ...change } : row)));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate({ projectId, overrides: editable.map(toOverride) });
  }

  return (
    <section className={sectionStyles.section} aria-labelledby="price-overrides-heading">
      <div>
        <h2 id="price-overrides-heading">Model prices</h2>
        <p className={sectionStyles.hint}>
          Loupe prices steps that report no cost from a maintained public price table. Prices here win over
          it, first match first; they apply to steps received from about 30 seconds after saving.
        </p>
      </div>
      <form onSubmit={submit} aria-label="Model price overrides">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Match</th>
              <th scope="col">Model or pattern</th>
              <th scope="col">Provider</th>
              {PRICE_FIELDS.map(([, label]) => (
                <th key={label} scope="col" className="numeric">{label}</th>
              ))}
              <th scope="col"><span className="visually-hidden">Remove</span></th>
            </tr>
          </thead>
          <tbody>
            {editable.length === 0 ? (
              <tr>
                <td colSpan={7} className={styles.empty}>
                  {overridesQuery.isPending ? "Loading…" : "No overrides: every step is priced from the public table."}
                </td>
              </tr>
            ) : (
              editable.map((row, index) => (
                <tr key={index} data-testid="price-override-row">
                  <td>
                    <select className="input" aria-label="Match" value={row.match} onChange={(event) => updateRow(index, { match: event.target.value as OverrideRow["match"] })}>
                      <option value="model">Exact model</option>
                      <option value="pattern">Pattern (regex)</option>
                    </select>
                  </td>
                  <td>
                    <input className="input" aria-label="Model or pattern" value={row.name} required onChange={(event) => updateRow(index, { name: event.target.value })} />
                  </td>
                  <td>
                    <input className="input" aria-label="Provider" placeholder="any" value={row.provider} onChange={(event) => updateRow(index, { provider: event.target.value })} />
                  </td>
                  {PRICE_FIELDS.map(([field, label]) => (
                    <td key={field} className="numeric">
                      <input
                        className={`input ${styles.price}`}
                        aria-label={label}
                        inputMode="decimal"
                        value={row[field]}
                        required={field !== "cachedInputPerMillion"}
                        onChange={(event) => updateRow(index, { [field]: event.target.value })}
                      />
                    </td>
                  ))}
                  <td>
                    <button type="button" className="button" onClick={() => setRows(editable.filter((_, position) => position !== index))}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
        <div className={sectionStyles.actions}>
          <button type="button" className="button" onClick={() => setRows([...editable, EMPTY_ROW])}>
            Add override
          </button>
          <button type="submit" className="button button-primary" disabled={save.isPending || rows === null}>
            {save.isPending ? "Saving…" : "Save prices"}
          </button>
          {save.isSuccess && !save.isPending ? <span role="status">Saved.</span> : null}
          {save.error ? (
            <span role="alert" className={sectionStyles.error}>
              {save.error.message}
            </span>
          ) : null}
        </div>
      </form>
    </section>
  );
}
