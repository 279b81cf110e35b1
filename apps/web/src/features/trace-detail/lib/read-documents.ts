/** A retrieved document as the inspector shows it, whatever shape the sender used. */
export type RetrievedDocument = { id: string | null; content: string; score: number | null; source: string | null };

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function firstString(...values: unknown[]): string | null {
  for (const value of values) if (typeof value === "string" && value !== "") return value;
  return null;
}

/**
 * The documents a retrieval (or a search tool) returned: `{documents: [...]}` or a bare list, each
 * with content under `content`, `text` or `page_content`, a `score`, and a source taken from
 * `source`, `url` or the metadata's. Null when the output holds no documents.
 */
export function readRetrievedDocuments(output: unknown): RetrievedDocument[] | null {
  const list = Array.isArray(output) ? output : asRecord(output)?.documents;
  if (!Array.isArray(list) || list.length === 0) return null;
  const documents: RetrievedDocument[] = [];
  for (const item of list) {
    const document = asRecord(item);
    if (!document) return null;
    const metadata = asRecord(document.metadata) ?? {};
    const content = firstString(document.content, document.text, document.page_content);
    if (content === null) return null;
    const score = typeof document.score === "number" && Number.isFinite(document.score) ? document.score : null;
    documents.push({
      id: firstString(document.id, metadata.id),
      content,
      score,
      source: firstString(document.source, document.url, metadata.source, metadata.url, metadata.title),
    });
  }
  return documents;
}
