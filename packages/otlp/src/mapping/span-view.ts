import type { OtlpSpan, OtlpSpanEvent } from "../decode/otlp-trace-export.ts";
import { AttributeBag } from "./attribute-bag.ts";
import { type JsonObject, toJsonValue } from "./json-value.ts";

export function readEventAttributes(event: OtlpSpanEvent): JsonObject {
  return Object.fromEntries(event.attributes.map(({ key, value }) => [key, toJsonValue(value)]));
}

/** A span's events; mappers consume the ones they turned into step fields. */
class SpanEvents {
  private readonly consumed = new Set<OtlpSpanEvent>();

  constructor(private readonly events: OtlpSpanEvent[]) {}

  named(...names: string[]): OtlpSpanEvent[] {
    return this.events.filter((event) => names.includes(event.name));
  }

  consume(events: OtlpSpanEvent[]): void {
    for (const event of events) this.consumed.add(event);
  }

  remaining(): OtlpSpanEvent[] {
    return this.events.filter((event) => !this.consumed.has(event));
  }
}

/**
 * Events that only carry attributes meant for the span: GenAI's operation-details event and the
 * older `gen_ai.content.prompt` / `gen_ai.content.completion` events. Their attributes join the
 * span's (the span's own win), so every mapper reads one place.
 */
const ATTRIBUTE_EVENTS = [
  "gen_ai.client.inference.operation.details",
  "gen_ai.content.prompt",
  "gen_ai.content.completion",
];

export type SpanView = { span: OtlpSpan; attributes: AttributeBag; events: SpanEvents };

export function createSpanView(span: OtlpSpan): SpanView {
  const events = new SpanEvents(span.events);
  const lifted = events.named(...ATTRIBUTE_EVENTS);
  events.consume(lifted);
  const spanKeys = new Set(span.attributes.map(({ key }) => key));
  const liftedAttributes = lifted
    .flatMap((event) => event.attributes)
    .filter(({ key }) => !spanKeys.has(key));
  return { span, attributes: new AttributeBag([...span.attributes, ...liftedAttributes]), events };
}
