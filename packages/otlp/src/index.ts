export { decodeTraceExport } from "./decode/decode-trace-export.ts";
export { OtlpDecodeError, type OtlpDecodeErrorCode } from "./decode/otlp-decode-error.ts";
export type {
  OtlpAnyValue,
  OtlpInstrumentationScope,
  OtlpKeyValue,
  OtlpResource,
  OtlpResourceSpans,
  OtlpScopeSpans,
  OtlpSpan,
  OtlpSpanEvent,
  OtlpSpanLink,
  OtlpStatus,
  OtlpTraceExport,
} from "./decode/otlp-trace-export.ts";
export type { StepEventBodyInput, TraceEventBodyInput } from "./mapping/event-body-types.ts";
export {
  mapTraceExport,
  type MappedTraceExport,
  type RejectedSpan,
} from "./mapping/map-trace-export.ts";
export { encodeExportResponse, type ExportOutcome } from "./encode-export-response.ts";
