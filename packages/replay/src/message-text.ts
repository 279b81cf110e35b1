/** Small text helpers for explanations that quote messages. */

const EXCERPT_LENGTH = 60;
const CONTEXT_BEFORE = 15;

function quoteExcerpt(text: string, lead: string, length: number): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > length ? `"${lead}${flat.slice(0, length)}…"` : `"${lead}${flat}"`;
}

export function excerptText(text: string | null, length = EXCERPT_LENGTH): string {
  return text === null ? "(no content)" : quoteExcerpt(text, "", length);
}

/** Where two texts first part ways, quoted from both sides starting a few words earlier. */
export function describeFirstDifference(recorded: string | null, rendered: string | null): string {
  if (recorded === null || rendered === null)
    return `recorded ${excerptText(recorded)}, rendered ${excerptText(rendered)}`;
  let index = 0;
  while (index < recorded.length && recorded[index] === rendered[index]) index++;
  const from = index <= CONTEXT_BEFORE ? 0 : recorded.lastIndexOf(" ", index - CONTEXT_BEFORE) + 1;
  const lead = from > 0 ? "…" : "";
  return `from character ${index}, recorded ${quoteExcerpt(recorded.slice(from), lead, EXCERPT_LENGTH)} but rendered ${quoteExcerpt(rendered.slice(from), lead, EXCERPT_LENGTH)}`;
}

function collectWords(text: string | null): Set<string> {
  return new Set((text ?? "").toLowerCase().match(/\w+/g) ?? []);
}

/** Share of distinct words the two texts have in common (Jaccard), from 0 to 1. */
export function measureWordOverlap(a: string | null, b: string | null): number {
  const left = collectWords(a);
  const right = collectWords(b);
  if (left.size === 0 && right.size === 0) return a === b ? 1 : 0;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return shared / (left.size + right.size - shared);
}
