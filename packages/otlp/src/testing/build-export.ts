import { StepEventBody, TraceEventBody } from "@loupe/schema";
import type {
  OtlpAnyValue,
  OtlpKeyValue,
  OtlpSpan,
  OtlpSpanEvent,
  OtlpTraceExport,
} from "../decode/otlp-trace-export.ts";
import { type MappedTraceExport, mapTraceExport } from "../mapping/map-trace-export.ts";

export const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

/** 2024-05-01T10:00:00Z in nanoseconds. */
const EPOCH = 1_714_557_600_000_000_000n;

/** Nanoseconds `ms` milliseconds after 2024-05-01T10:00:00Z. */
export function at(ms: number): bigint {
  return EPOCH + BigInt(Math.round(ms * 1_000_000));
}

export function spanId(n: number): string {
  return n.toString(16).padStart(16, "0");
}

/** JS values as OTLP values: integers as int, other numbers as double, objects as key-value lists. */
export function toAnyValue(value: unknown): OtlpAnyValue {
  if (typeof value === "string") return { type: "string", value };
  if (typeof value === "boolean") return { type: "bool", value };
  if (typeof value === "bigint") return { type: "int", value };
  if (typeof value === "number")
    return Number.isInteger(value)
      ? { type: "int", value: BigInt(value) }
      : { type: "double", value };
  if (value instanceof Uint8Array) return { type: "bytes", value };
  if (Array.isArray(value)) return { type: "array", value: value.map(toAnyValue) };
  if (typeof value === "object" && value !== null)
    return { type: "kvlist", value: toKeyValues(value as Record<string, unknown>) };
  return { type: "empty" };
}

function toKeyValues(record: Record<string, unknown>): OtlpKeyValue[] {
  return Object.entries(record).map(([key, value]) => ({ key, value: toAnyValue(value) }));
}

type EventInput = { name: string; ms?: number; attributes?: Record<string, unknown> };

type SpanInput = Partial<Omit<OtlpSpan, "attributes" | "events">> & {
  attributes?: Record<string, unknown>;
  events?: EventInput[];
};

function buildEvent({ name, ms = 1, attributes = {} }: EventInput): OtlpSpanEvent {
  return {
    name,
    timeUnixNano: at(ms),
    attributes: toKeyValues(attributes),
    droppedAttributesCount: 0,
  };
}

export function buildSpan({ attributes = {}, events = [], ...fields }: SpanInput = {}): OtlpSpan {
  return {
    traceId: TRACE_ID,
    spanId: spanId(1),
    traceState: "",
    parentSpanId: "",
    flags: 1,
    name: "span",
    kind: 1,
    startTimeUnixNano: at(0),
    endTimeUnixNano: at(100),
    attributes: toKeyValues(attributes),
    droppedAttributesCount: 0,
    events: events.map(buildEvent),
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 0, message: "" },
    ...fields,
  };
}

export function buildExport(
  spans: OtlpSpan[],
  {
    resource = { "service.name": "support-agent", "service.version": "1.4.2" },
    scope = "loupe-test",
  }: { resource?: Record<string, unknown>; scope?: string } = {},
): OtlpTraceExport {
  return {
    resourceSpans: [
      {
        resource: { attributes: toKeyValues(resource), droppedAttributesCount: 0 },
        scopeSpans: [
          {
            scope: { name: scope, version: "1.0.0", attributes: [], droppedAttributesCount: 0 },
            spans,
            schemaUrl: "",
          },
        ],
        schemaUrl: "",
      },
    ],
  };
}

/** Every body must be accepted by the ingestion schemas, exactly as the native batch API would parse it. */
export function assertValidBodies(result: MappedTraceExport): MappedTraceExport {
  for (const trace of result.traces) TraceEventBody.parse(trace);
  for (const step of result.steps) StepEventBody.parse(step);
  return result;
}

/** Maps spans of one export through the public mapper, checking every body against the ingestion schemas. */
export function mapSpans(
  spans: SpanInput[],
  options?: Parameters<typeof buildExport>[1],
): MappedTraceExport {
  return assertValidBodies(mapTraceExport(buildExport(spans.map(buildSpan), options)));
}

/** The only step and trace of a one-span export. */
export function mapOneSpan(span: SpanInput, options?: Parameters<typeof buildExport>[1]) {
  const result = mapSpans([span], options);
  const [step] = result.steps;
  const [trace] = result.traces;
  if (!step || !trace || result.steps.length !== 1)
    throw new Error(`expected one step, got ${result.steps.length}`);
  return { step, trace, result };
}
