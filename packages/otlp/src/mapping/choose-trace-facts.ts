import type { MappedSpan } from "./mapped-span.ts";
import type { Claim } from "./trace-facts.ts";

const MAX_TAGS = 64;

export type ChosenTraceFacts = { sessionId?: string; userId?: string; tags: string[] };

function chooseClaim(
  spans: MappedSpan[],
  read: (span: MappedSpan) => Claim<string> | undefined,
): string | undefined {
  const value = spans.map(read).find((claim) => claim !== undefined)?.value;
  // Spans that agree with the trace's value are represented by it; one that differs keeps its own attribute.
  for (const span of spans) {
    const claim = read(span);
    if (claim && claim.value === value) span.view.attributes.consume(...claim.keys);
  }
  return value;
}

/**
 * The trace's session, user and tags from the spans in their priority order (the root first):
 * frameworks often set the conversation id on model calls rather than on the root, so any span may
 * state them. Tags are the union of every span's, as many as Loupe keeps.
 */
export function chooseTraceFacts(spans: MappedSpan[]): ChosenTraceFacts {
  const sessionId = chooseClaim(spans, (span) => span.facts.sessionId);
  const userId = chooseClaim(spans, (span) => span.facts.userId);
  const tags: string[] = [];
  for (const span of spans) {
    for (const claim of span.facts.tags) {
      const fresh = [...new Set(claim.value)].filter((tag) => !tags.includes(tag));
      if (tags.length + fresh.length > MAX_TAGS) continue;
      tags.push(...fresh);
      span.view.attributes.consume(...claim.keys);
    }
  }
  return { ...(sessionId ? { sessionId } : {}), ...(userId ? { userId } : {}), tags };
}
