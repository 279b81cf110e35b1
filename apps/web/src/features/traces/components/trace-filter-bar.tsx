"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { formatFindingKind } from "@/lib/format";
import {
  FINDING_KINDS,
  TIME_RANGE_LABELS,
  TIME_RANGES,
  TRACE_NUMBER_PARAMS,
  TRACE_STATUSES,
  TRACE_TEXT_PARAMS,
  hasTraceFilters,
  parseTraceFilters,
  serializeTraceFilters,
  type TraceFilters,
} from "../lib/trace-filters";
import styles from "./trace-filter-bar.module.css";

const TEXT_FIELDS = [
  { field: "name", label: "Name" },
  { field: "session", label: "Session" },
  { field: "user", label: "User" },
  { field: "tag", label: "Tag" },
  { field: "environment", label: "Environment" },
  { field: "model", label: "Model" },
  { field: "agent", label: "Agent" },
] as const;

const NUMBER_FIELDS = [
  { field: "minCost", label: "Min cost ($)", step: "any" },
  { field: "maxCost", label: "Max cost ($)", step: "any" },
  { field: "minLatency", label: "Min latency (ms)", step: "1" },
  { field: "maxLatency", label: "Max latency (ms)", step: "1" },
] as const;

/** Custom bounds are edited in UTC, so the page renders the same on the server and in the browser. */
function toUtcInput(iso: string | undefined): string {
  return iso ? iso.slice(0, 16) : "";
}

function fromUtcInput(value: string): string | undefined {
  if (value.length === 0) return undefined;
  const time = Date.parse(`${value}:00Z`);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * The trace list's filters. The search box and the text and number fields apply on Enter or
 * "Apply"; the menus apply as soon as they change. Every filter, and the order, lives in the URL.
 */
export function TraceFilterBar({ filters }: { filters: TraceFilters }) {
  const router = useRouter();
  const pathname = usePathname();
  const formRef = useRef<HTMLFormElement>(null);
  const [range, setRange] = useState<string>(filters.range ?? "");
  const isFiltered = hasTraceFilters(filters);

  function applyForm(form: HTMLFormElement) {
    // The form's fields are named after the URL's parameters, so the one parser validates both.
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) {
      if (typeof value !== "string") continue;
      params.set(key, key === "from" || key === "to" ? (fromUtcInput(value) ?? "") : value);
    }
    const query = serializeTraceFilters(parseTraceFilters(params));
    router.push(query ? `${pathname}?${query}` : pathname);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    applyForm(event.currentTarget);
  }

  function applyNow() {
    if (formRef.current) applyForm(formRef.current);
  }

  return (
    <form
      ref={formRef}
      className={styles.bar}
      role="search"
      aria-label="Filter runs"
      onSubmit={onSubmit}
    >
      <label className={`${styles.field} ${styles.search}`}>
        <span>Search</span>
        <input
          className="input"
          name={TRACE_TEXT_PARAMS.search}
          type="search"
          defaultValue={filters.search ?? ""}
          placeholder='Inputs, outputs, names — "exact phrase" -exclude'
          autoComplete="off"
          maxLength={256}
        />
      </label>
      {TEXT_FIELDS.map(({ field, label }) => (
        <label key={field} className={styles.field}>
          <span>{label}</span>
          <input
            className="input"
            name={TRACE_TEXT_PARAMS[field]}
            type="search"
            defaultValue={filters[field] ?? ""}
            autoComplete="off"
            maxLength={256}
          />
        </label>
      ))}
      <label className={styles.field}>
        <span>Status</span>
        <select
          className="input"
          name="status"
          defaultValue={filters.status ?? ""}
          onChange={applyNow}
        >
          <option value="">Any</option>
          {TRACE_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </label>
      <label className={styles.field}>
        <span>Finding</span>
        <select
          className="input"
          name="finding"
          defaultValue={filters.findingKind ?? ""}
          onChange={applyNow}
        >
          <option value="">Any</option>
          {FINDING_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {formatFindingKind(kind)}
            </option>
          ))}
        </select>
      </label>
      {NUMBER_FIELDS.map(({ field, label, step }) => (
        <label key={field} className={styles.field}>
          <span>{label}</span>
          <input
            className={`input ${styles.number}`}
            name={TRACE_NUMBER_PARAMS[field]}
            type="number"
            inputMode="decimal"
            min={0}
            step={step}
            defaultValue={filters[field] ?? ""}
          />
        </label>
      ))}
      <label className={styles.field}>
        <span>Started</span>
        <select
          className="input"
          name="range"
          value={range}
          onChange={(event) => {
            setRange(event.currentTarget.value);
            if (event.currentTarget.value !== "custom") applyNow();
          }}
        >
          <option value="">Any time</option>
          {TIME_RANGES.map((range) => (
            <option key={range} value={range}>
              {TIME_RANGE_LABELS[range]}
            </option>
          ))}
        </select>
      </label>
      {range === "custom" ? <CustomRange filters={filters} /> : null}
      {/* The order is not a filter, but applying filters keeps it. */}
      {filters.sort ? <input type="hidden" name="sort" value={filters.sort} /> : null}
      {filters.order ? <input type="hidden" name="order" value={filters.order} /> : null}
      <div className={styles.actions}>
        <button type="submit" className="button button-primary">
          Apply
        </button>
        {isFiltered ? (
          <Link className="button" href={pathname}>
            Clear filters
          </Link>
        ) : null}
      </div>
    </form>
  );
}

function CustomRange({ filters }: { filters: TraceFilters }) {
  return (
    <fieldset className={styles.custom}>
      <legend className={styles.legend}>Custom range (UTC)</legend>
      <label className={styles.field}>
        <span>From (UTC)</span>
        <input
          className="input"
          name="from"
          type="datetime-local"
          defaultValue={toUtcInput(filters.from)}
        />
      </label>
      <label className={styles.field}>
        <span>To (UTC)</span>
        <input
          className="input"
          name="to"
          type="datetime-local"
          defaultValue={toUtcInput(filters.to)}
        />
      </label>
    </fieldset>
  );
}
