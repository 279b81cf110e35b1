"use client";

import { useId, useState, type FormEvent } from "react";
import {
  DASHBOARD_RANGE_LABELS,
  DASHBOARD_RANGES,
  MAX_CUSTOM_RANGE_DAYS,
  type DashboardRange,
  type DashboardSearch,
} from "../lib/dashboard-search";
import styles from "./dashboard.module.css";

/** Custom bounds are edited in UTC, so the page renders the same on the server and in the browser. */
function toUtcInput(date: Date | string | undefined): string {
  if (!date) return "";
  return (typeof date === "string" ? date : date.toISOString()).slice(0, 16);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Why a custom range cannot be applied, or null when it can. */
function checkCustomRange(from: string, to: string): string | null {
  const spanMs = Date.parse(to) - Date.parse(from);
  if (spanMs <= 0) return "“To” must be after “From”.";
  if (spanMs > MAX_CUSTOM_RANGE_DAYS * DAY_MS) {
    return `A custom range can span at most ${MAX_CUSTOM_RANGE_DAYS} days.`;
  }
  return null;
}

function fromUtcInput(value: FormDataEntryValue | null): string | undefined {
  if (typeof value !== "string" || value.length === 0) return undefined;
  const time = Date.parse(`${value}:00Z`);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * The time range: a preset applies at once; "Custom" opens two UTC fields, filled with the range
 * on screen, that apply with "Apply".
 */
export function RangePicker({
  search,
  shownWindow,
  onChange,
}: {
  search: DashboardSearch;
  /** The instants the dashboard shows now, to start a custom range from. */
  shownWindow: { from: Date; to: Date } | undefined;
  onChange: (next: DashboardSearch) => void;
}) {
  const [isEditingCustom, setIsEditingCustom] = useState(search.range === "custom");
  const [customError, setCustomError] = useState<string | null>(null);
  const errorId = useId();

  function choose(range: DashboardRange) {
    if (range === "custom") {
      setIsEditingCustom(true);
      return;
    }
    setIsEditingCustom(false);
    onChange({ range, breakdown: search.breakdown });
  }

  function applyCustom(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const from = fromUtcInput(form.get("from"));
    const to = fromUtcInput(form.get("to"));
    if (!from || !to) return;
    const problem = checkCustomRange(from, to);
    setCustomError(problem);
    if (!problem) onChange({ range: "custom", breakdown: search.breakdown, from, to });
  }

  const activeRange = isEditingCustom ? "custom" : search.range;
  return (
    <>
      <div className={styles.segmented} role="group" aria-label="Time range">
        {DASHBOARD_RANGES.map((range) => (
          <button
            key={range}
            type="button"
            className={styles.segment}
            aria-pressed={activeRange === range}
            onClick={() => choose(range)}
          >
            {DASHBOARD_RANGE_LABELS[range]}
          </button>
        ))}
      </div>
      {isEditingCustom ? (
        <form className={styles.customRange} aria-label="Custom time range" onSubmit={applyCustom}>
          <label className={styles.field}>
            <span>From (UTC)</span>
            <input
              className="input"
              name="from"
              type="datetime-local"
              required
              defaultValue={toUtcInput(search.from ?? shownWindow?.from)}
            />
          </label>
          <label className={styles.field}>
            <span>To (UTC)</span>
            <input
              className="input"
              name="to"
              type="datetime-local"
              required
              defaultValue={toUtcInput(search.to ?? shownWindow?.to)}
              aria-invalid={customError !== null}
              aria-describedby={customError ? errorId : undefined}
            />
          </label>
          <button type="submit" className="button button-primary">
            Apply
          </button>
          {customError ? (
            <p id={errorId} role="alert" className={styles.fieldError}>
              {customError}
            </p>
          ) : null}
        </form>
      ) : null}
    </>
  );
}
