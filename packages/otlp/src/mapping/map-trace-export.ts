import type { OtlpTraceExport } from "../decode/otlp-trace-export.ts";
import type { StepEventBodyInput, TraceEventBodyInput } from "./event-body-types.ts";
import { findSpanProblem } from "./find-span-problem.ts";
import { type MappedSpan, mapSpan } from "./mapped-span.ts";
import { mapTrace } from "./map-trace.ts";

export type RejectedSpan = { traceId?: string; spanId?: string; reason: string };

export type MappedTraceExport = {
  traces: TraceEventBodyInput[];
  steps: StepEventBodyInput[];
  rejectedSpans: RejectedSpan[];
};

/**
 * Turns an OTLP trace export into Loupe ingestion bodies: one trace body per trace in the export and
 * one step per span, deterministic for a given export. Spans that cannot be steps are listed in
 * `rejectedSpans` with the reason; the rest still map.
 */
export function mapTraceExport(request: OtlpTraceExport): MappedTraceExport {
  const rejectedSpans: RejectedSpan[] = [];
  const spansByTrace = new Map<string, MappedSpan[]>();
  const seen = new Set<string>();
  for (const resourceSpans of request.resourceSpans) {
    for (const scopeSpans of resourceSpans.scopeSpans) {
      for (const span of scopeSpans.spans) {
        // Step ids are unique per project, not per trace, so a span id may appear once per export.
        const reason =
          findSpanProblem(span) ??
          (seen.has(span.spanId)
            ? "duplicate span id: an earlier span in this export has it"
            : undefined);
        if (reason) {
          rejectedSpans.push({
            ...(span.traceId === "" ? {} : { traceId: span.traceId }),
            ...(span.spanId === "" ? {} : { spanId: span.spanId }),
            reason,
          });
          continue;
        }
        seen.add(span.spanId);
        const spans = spansByTrace.get(span.traceId) ?? [];
        spansByTrace.set(span.traceId, spans);
        spans.push(mapSpan(span, resourceSpans, scopeSpans));
      }
    }
  }
  const traces: TraceEventBodyInput[] = [];
  const steps: StepEventBodyInput[] = [];
  for (const [traceId, spans] of spansByTrace) {
    const mapped = mapTrace(traceId, spans);
    traces.push(mapped.trace);
    steps.push(...mapped.steps);
  }
  return { traces, steps, rejectedSpans };
}
