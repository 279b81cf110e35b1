import type { OtlpSpan } from "../decode/otlp-trace-export.ts";
import { clipText } from "./text.ts";
import { formatUnixNanos } from "./timestamps.ts";

function isValidId(id: string, length: number): boolean {
  return id.length === length && /^[0-9a-f]+$/.test(id) && !/^0+$/.test(id);
}

function describeId(id: string): string {
  return id === "" ? "(empty)" : JSON.stringify(clipText(id, 64));
}

/** Why a span cannot become a step, or undefined when it can. */
export function findSpanProblem(span: OtlpSpan): string | undefined {
  if (!isValidId(span.traceId, 32)) {
    return `invalid trace id ${describeId(span.traceId)}: expected 32 hex characters, not all zero`;
  }
  if (!isValidId(span.spanId, 16)) {
    return `invalid span id ${describeId(span.spanId)}: expected 16 hex characters, not all zero`;
  }
  if (span.parentSpanId !== "" && !isValidId(span.parentSpanId, 16)) {
    return `invalid parent span id ${describeId(span.parentSpanId)}: expected 16 hex characters, not all zero`;
  }
  if (span.startTimeUnixNano === 0n) return "missing start time";
  if (span.endTimeUnixNano !== 0n && span.endTimeUnixNano < span.startTimeUnixNano) {
    const end = formatUnixNanos(span.endTimeUnixNano);
    return `end time ${end} is before start time ${formatUnixNanos(span.startTimeUnixNano)}`;
  }
  return undefined;
}
