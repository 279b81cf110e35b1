import styles from "./replay.module.css";

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

/** A word or line diff as text: insertions and deletions marked, nothing interpreted as HTML. */
export function TextDiff({ parts, label }: { parts: DiffPart[]; label: string }) {
  return (
    <pre className={styles.diff} aria-label={label} data-testid="text-diff">
      {parts.map((part, index) =>
        part.kind === "added" ? (
          <ins key={index} className={styles.added}>
            {part.text}
          </ins>
        ) : part.kind === "removed" ? (
          <del key={index} className={styles.removed}>
            {part.text}
          </del>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </pre>
  );
}
