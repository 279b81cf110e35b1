import type { MappedSpan } from "./mapped-span.ts";

/**
 * A step without an agent name of its own belongs to the nearest ancestor in the export that has one,
 * as a model call or tool call inside an `invoke_agent` span does. Walks are iterative and cycle-safe.
 */
export function inheritAgentNames(spans: MappedSpan[]): void {
  const bySpanId = new Map(spans.map((mapped) => [mapped.span.spanId, mapped]));
  const resolved = new Map<MappedSpan, string | undefined>();
  for (const start of spans) {
    const path = new Set<MappedSpan>();
    let node: MappedSpan | undefined = start;
    let name: string | undefined;
    while (node && !path.has(node)) {
      if (node.draft.agentName !== undefined || resolved.has(node)) {
        name = node.draft.agentName ?? resolved.get(node);
        break;
      }
      path.add(node);
      node = bySpanId.get(node.span.parentSpanId);
    }
    for (const visited of path) resolved.set(visited, name);
  }
  for (const mapped of spans) mapped.draft.agentName ??= resolved.get(mapped);
}
