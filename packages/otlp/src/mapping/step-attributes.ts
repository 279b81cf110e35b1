import type { OtlpInstrumentationScope, OtlpKeyValue } from "../decode/otlp-trace-export.ts";
import { type JsonObject, type JsonValue, toJsonValue } from "./json-value.ts";
import { readEventAttributes, type SpanView } from "./span-view.ts";
import type { StepDraft } from "./step-draft.ts";
import { formatUnixNanos } from "./timestamps.ts";

const SPAN_KIND_NAMES = ["unspecified", "internal", "server", "client", "producer", "consumer"];

export function toJsonObject(attributes: OtlpKeyValue[]): JsonObject {
  return Object.fromEntries(attributes.map(({ key, value }) => [key, toJsonValue(value)]));
}

function nonEmpty(object: JsonObject): JsonObject | undefined {
  return Object.keys(object).length > 0 ? object : undefined;
}

function positive(count: number): number | undefined {
  return count > 0 ? count : undefined;
}

/**
 * What the span carried beyond the step's own fields: the attributes no mapper consumed, the span
 * kind, the instrumentation scope, the events not turned into messages, links, drop counts, and for
 * one span per trace the resource. The sender's attributes win over Loupe's `otel.*` keys on a clash.
 */
export function buildStepAttributes(
  view: SpanView,
  draft: StepDraft,
  context: {
    scope: OtlpInstrumentationScope;
    scopeSchemaUrl: string;
    resource?: { attributes: JsonObject; schemaUrl: string };
  },
): JsonObject {
  const { span } = view;
  const { scope } = context;
  const events = view.events.remaining().map((event) => ({
    name: event.name,
    time: formatUnixNanos(event.timeUnixNano),
    ...(event.attributes.length > 0 ? { attributes: readEventAttributes(event) } : {}),
    ...(event.droppedAttributesCount > 0
      ? { droppedAttributesCount: event.droppedAttributesCount }
      : {}),
  }));
  const links = span.links.map((link) => ({
    traceId: link.traceId,
    spanId: link.spanId,
    ...(link.traceState === "" ? {} : { traceState: link.traceState }),
    ...(link.attributes.length > 0 ? { attributes: toJsonObject(link.attributes) } : {}),
  }));
  const described: [string, JsonValue | undefined][] = [
    ["otel.span.kind", SPAN_KIND_NAMES[span.kind] ?? String(span.kind)],
    ["otel.scope.name", scope.name || undefined],
    ["otel.scope.version", scope.version || undefined],
    ["otel.scope.attributes", nonEmpty(toJsonObject(scope.attributes))],
    ["otel.scope.schema_url", context.scopeSchemaUrl || undefined],
    ["otel.trace_state", span.traceState || undefined],
    ["otel.events", events.length > 0 ? events : undefined],
    ["otel.links", links.length > 0 ? links : undefined],
    ["otel.dropped_attributes_count", positive(span.droppedAttributesCount)],
    ["otel.dropped_events_count", positive(span.droppedEventsCount)],
    ["otel.dropped_links_count", positive(span.droppedLinksCount)],
    ["resource", context.resource?.attributes],
    ["otel.resource.schema_url", context.resource?.schemaUrl || undefined],
  ];
  const defined = described.filter((entry): entry is [string, JsonValue] => entry[1] !== undefined);
  return Object.fromEntries([
    ...defined,
    ...Object.entries(draft.derivedAttributes),
    ...view.attributes.remaining(),
  ]);
}
