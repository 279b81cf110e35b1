/**
 * One OTLP trace export, whatever its encoding: ids as lowercase hex (as sent when they are not
 * valid hex, so the mapper can reject the span and say why), times as bigint nanoseconds since the
 * Unix epoch (0 when unset), enums as their integer values, proto3 defaults for absent fields.
 */
export type OtlpTraceExport = { resourceSpans: OtlpResourceSpans[] };

export type OtlpResourceSpans = {
  resource: OtlpResource;
  scopeSpans: OtlpScopeSpans[];
  schemaUrl: string;
};

export type OtlpResource = { attributes: OtlpKeyValue[]; droppedAttributesCount: number };

export type OtlpScopeSpans = {
  scope: OtlpInstrumentationScope;
  spans: OtlpSpan[];
  schemaUrl: string;
};

export type OtlpInstrumentationScope = {
  name: string;
  version: string;
  attributes: OtlpKeyValue[];
  droppedAttributesCount: number;
};

export type OtlpSpan = {
  traceId: string;
  spanId: string;
  traceState: string;
  /** Empty for a root span. */
  parentSpanId: string;
  flags: number;
  name: string;
  /** SpanKind: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: OtlpKeyValue[];
  droppedAttributesCount: number;
  events: OtlpSpanEvent[];
  droppedEventsCount: number;
  links: OtlpSpanLink[];
  droppedLinksCount: number;
  status: OtlpStatus;
};

export type OtlpSpanEvent = {
  timeUnixNano: bigint;
  name: string;
  attributes: OtlpKeyValue[];
  droppedAttributesCount: number;
};

export type OtlpSpanLink = {
  traceId: string;
  spanId: string;
  traceState: string;
  attributes: OtlpKeyValue[];
  droppedAttributesCount: number;
  flags: number;
};

/** StatusCode: 0 unset, 1 ok, 2 error. */
export type OtlpStatus = { code: number; message: string };

export type OtlpKeyValue = { key: string; value: OtlpAnyValue };

export type OtlpAnyValue =
  | { type: "string"; value: string }
  | { type: "bool"; value: boolean }
  | { type: "int"; value: bigint }
  | { type: "double"; value: number }
  | { type: "bytes"; value: Uint8Array }
  | { type: "array"; value: OtlpAnyValue[] }
  | { type: "kvlist"; value: OtlpKeyValue[] }
  | { type: "empty" };
