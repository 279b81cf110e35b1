"use client";

import { useMemo, useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { formatInteger, formatJson } from "@/lib/format";
import styles from "./json-view.module.css";

/** Beyond either limit a value is cut, so one giant tool output cannot swamp the page. */
const MAX_SHOWN_CHARS = 2_000;
const MAX_SHOWN_LINES = 200;

/** Renders JSON as pretty-printed text; recorded content is untrusted, so it is never HTML. */
export function JsonView({ value, label }: { value: unknown; label: string }) {
  const text = useMemo(() => formatJson(value), [value]);
  return <LongText text={text} label={label} className={styles.json} />;
}

/**
 * Text that may be huge: past 2,000 characters or 200 lines only the start is shown, still as
 * text, behind "Show more"; copying always takes the whole value.
 */
export function LongText({
  text,
  label,
  className,
}: {
  text: string;
  label: string;
  className: string | undefined;
}) {
  const [isExpanded, setExpanded] = useState(false);
  // A value can be megabytes long: clipped and counted once, not on every Show more or less.
  const { preview, lineCount } = useMemo(() => {
    const clipped = clipLongText(text);
    return { preview: clipped, lineCount: clipped === null ? 0 : countLines(text) };
  }, [text]);
  if (preview === null) {
    return (
      <pre className={className} aria-label={label} tabIndex={0}>
        {text}
      </pre>
    );
  }
  return (
    <div className={styles.long} data-testid="long-value">
      <pre className={className} aria-label={label} tabIndex={0}>
        {isExpanded ? text : preview}
        {isExpanded ? null : <span className={styles.cut}>{"\n"}…</span>}
      </pre>
      <div className={styles.longActions}>
        <span className={styles.longSize}>
          {isExpanded
            ? `All ${formatInteger(text.length)} characters`
            : `First ${formatInteger(preview.length)} of ${formatInteger(text.length)} characters`}
          {` · ${formatInteger(lineCount)} lines`}
        </span>
        <button
          type="button"
          className="button"
          aria-expanded={isExpanded}
          onClick={() => setExpanded(!isExpanded)}
        >
          {isExpanded ? "Show less" : "Show more"}
        </button>
        <CopyButton text={text} label="Copy full value" />
      </div>
    </div>
  );
}

/** The start of a text past the limits (its first 2,000 characters or 200 lines); null if it fits. */
function clipLongText(text: string): string | null {
  if (text.length <= MAX_SHOWN_CHARS && countLines(text) <= MAX_SHOWN_LINES) return null;
  let end = Math.min(text.length, MAX_SHOWN_CHARS);
  let newlines = 0;
  for (let index = 0; index < end; index++) {
    if (text.charCodeAt(index) !== 10) continue;
    newlines += 1;
    if (newlines === MAX_SHOWN_LINES) {
      end = index;
      break;
    }
  }
  return text.slice(0, end);
}

function countLines(text: string): number {
  let lines = 1;
  for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) lines++;
  return lines;
}
