import { formatJson } from "@/lib/format";
import styles from "./json-view.module.css";

/** Renders JSON as pretty-printed text; recorded content is untrusted, so it is never HTML. */
export function JsonView({ value, label }: { value: unknown; label: string }) {
  return (
    <pre className={styles.json} aria-label={label} tabIndex={0}>
      {formatJson(value)}
    </pre>
  );
}
