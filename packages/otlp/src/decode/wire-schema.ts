import { z } from "zod";
import type {
  OtlpAnyValue,
  OtlpKeyValue,
  OtlpResourceSpans,
  OtlpScopeSpans,
  OtlpSpan,
  OtlpSpanEvent,
  OtlpSpanLink,
  OtlpTraceExport,
} from "./otlp-trace-export.ts";
import {
  Double,
  Int64,
  optional,
  Uint32,
  Uint64,
  wireEnum,
  wireList,
  wireMessage,
  withDefault,
} from "./wire-primitives.ts";

/** How one encoding represents ids and bytes; everything else is shared by both. */
export type WireEncoding = { id: z.ZodType<string>; bytes: z.ZodType<Uint8Array> };

const SPAN_KINDS = [
  "SPAN_KIND_UNSPECIFIED",
  "SPAN_KIND_INTERNAL",
  "SPAN_KIND_SERVER",
  "SPAN_KIND_CLIENT",
  "SPAN_KIND_PRODUCER",
  "SPAN_KIND_CONSUMER",
];
const STATUS_CODES = ["STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"];

function toAnyValue(wire: {
  stringValue?: string | undefined;
  boolValue?: boolean | undefined;
  intValue?: bigint | undefined;
  doubleValue?: number | undefined;
  bytesValue?: Uint8Array | undefined;
  arrayValue?: { values: OtlpAnyValue[] } | undefined;
  kvlistValue?: { values: OtlpKeyValue[] } | undefined;
}): OtlpAnyValue {
  if (wire.stringValue !== undefined) return { type: "string", value: wire.stringValue };
  if (wire.boolValue !== undefined) return { type: "bool", value: wire.boolValue };
  if (wire.intValue !== undefined) return { type: "int", value: wire.intValue };
  if (wire.doubleValue !== undefined) return { type: "double", value: wire.doubleValue };
  if (wire.bytesValue !== undefined) return { type: "bytes", value: wire.bytesValue };
  if (wire.arrayValue !== undefined) return { type: "array", value: wire.arrayValue.values };
  if (wire.kvlistValue !== undefined) return { type: "kvlist", value: wire.kvlistValue.values };
  return { type: "empty" };
}

export function createTraceExportSchema(encoding: WireEncoding): z.ZodType<OtlpTraceExport> {
  const AnyValue: z.ZodType<OtlpAnyValue> = z.lazy(() =>
    wireMessage({
      stringValue: optional(z.string()),
      boolValue: optional(z.boolean()),
      intValue: optional(Int64),
      doubleValue: optional(Double),
      bytesValue: optional(encoding.bytes),
      arrayValue: optional(wireMessage({ values: wireList(AnyValue) })),
      kvlistValue: optional(wireMessage({ values: wireList(KeyValue) })),
    }).transform(toAnyValue),
  );

  const KeyValue: z.ZodType<OtlpKeyValue> = z.lazy(() =>
    wireMessage({
      key: withDefault(z.string(), () => ""),
      value: withDefault(AnyValue, (): OtlpAnyValue => ({ type: "empty" })),
    }),
  );

  const attributes = wireList(KeyValue);
  const count = withDefault(Uint32, () => 0);
  const text = withDefault(z.string(), () => "");
  const id = withDefault(encoding.id, () => "");
  const time = withDefault(Uint64, () => 0n);

  const Event: z.ZodType<OtlpSpanEvent> = wireMessage({
    timeUnixNano: time,
    name: text,
    attributes,
    droppedAttributesCount: count,
  });

  const Link: z.ZodType<OtlpSpanLink> = wireMessage({
    traceId: id,
    spanId: id,
    traceState: text,
    attributes,
    droppedAttributesCount: count,
    flags: count,
  });

  const Span: z.ZodType<OtlpSpan> = wireMessage({
    traceId: id,
    spanId: id,
    traceState: text,
    parentSpanId: id,
    flags: count,
    name: text,
    kind: withDefault(wireEnum(SPAN_KINDS), () => 0),
    startTimeUnixNano: time,
    endTimeUnixNano: time,
    attributes,
    droppedAttributesCount: count,
    events: wireList(Event),
    droppedEventsCount: count,
    links: wireList(Link),
    droppedLinksCount: count,
    status: withDefault(
      wireMessage({ code: withDefault(wireEnum(STATUS_CODES), () => 0), message: text }),
      () => ({ code: 0, message: "" }),
    ),
  });

  const ScopeSpans: z.ZodType<OtlpScopeSpans> = wireMessage({
    scope: withDefault(
      wireMessage({ name: text, version: text, attributes, droppedAttributesCount: count }),
      () => ({
        name: "",
        version: "",
        attributes: [],
        droppedAttributesCount: 0,
      }),
    ),
    spans: wireList(Span),
    schemaUrl: text,
  });

  const ResourceSpans: z.ZodType<OtlpResourceSpans> = wireMessage({
    resource: withDefault(wireMessage({ attributes, droppedAttributesCount: count }), () => ({
      attributes: [],
      droppedAttributesCount: 0,
    })),
    scopeSpans: wireList(ScopeSpans),
    schemaUrl: text,
  });

  return wireMessage({ resourceSpans: wireList(ResourceSpans) });
}
