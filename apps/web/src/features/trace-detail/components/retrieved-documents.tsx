import { LongText } from "@/components/json-view";
import type { RetrievedDocument } from "../lib/read-documents";
import styles from "./step-inspector.module.css";

/** Retrieved documents in rank order with score and source; their text is shown as text only. */
export function RetrievedDocuments({ documents }: { documents: RetrievedDocument[] }) {
  return (
    <ol className={styles.documents} aria-label="Retrieved documents" data-testid="retrieved-documents">
      {documents.map((document, index) => (
        <li key={index} className={styles.document}>
          <div className={styles.documentMeta}>
            <span>#{index + 1}</span>
            {document.score !== null ? <span>score {document.score.toFixed(3)}</span> : null}
            {document.source ? <code title={document.source}>{document.source}</code> : null}
            {document.id && document.id !== document.source ? <span className="faint">{document.id}</span> : null}
          </div>
          <LongText text={document.content} label={`Document ${index + 1}`} className={styles.documentText} />
        </li>
      ))}
    </ol>
  );
}
