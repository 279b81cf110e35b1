import { buildStepBody } from "./build-step-body.ts";
import { buildTraceBody } from "./build-trace-body.ts";
import { chooseTraceFacts } from "./choose-trace-facts.ts";
import type { StepEventBodyInput, TraceEventBodyInput } from "./event-body-types.ts";
import { inheritAgentNames } from "./inherit-agent-names.ts";
import { isJsonObject, type JsonObject, readStructured } from "./json-value.ts";
import type { MappedSpan } from "./mapped-span.ts";
import { toJsonObject } from "./step-attributes.ts";

function compareStart(a: MappedSpan, b: MappedSpan): number {
  const difference = a.span.startTimeUnixNano - b.span.startTimeUnixNano;
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/**
 * A resource describes a service, not a span, so each distinct resource is kept once per trace: on
 * the root when it is in the export, else on the earliest span from that service.
 */
function chooseResourceHolders(spansByPriority: MappedSpan[]): Map<MappedSpan, JsonObject> {
  const holders = new Map<MappedSpan, JsonObject>();
  const seen = new Set<string>();
  for (const mapped of spansByPriority) {
    const resource = toJsonObject(mapped.resourceSpans.resource.attributes);
    const key = `${JSON.stringify(resource)}|${mapped.resourceSpans.schemaUrl}`;
    if (seen.has(key)) continue;
    seen.add(key);
    holders.set(mapped, resource);
  }
  return holders;
}

/** The trace body and the steps of one trace's spans in an export. */
export function mapTrace(
  traceId: string,
  spans: MappedSpan[],
): { trace: TraceEventBodyInput; steps: StepEventBodyInput[] } {
  const byStart = [...spans].sort(compareStart);
  const root = byStart.find(({ span }) => span.parentSpanId === "");
  const byPriority = root ? [root, ...byStart.filter((mapped) => mapped !== root)] : byStart;
  const facts = chooseTraceFacts(byPriority);
  inheritAgentNames(spans);

  const rootMetadata = root && readStructured(root.view.attributes.get("metadata"));
  const metadata = isJsonObject(rootMetadata) ? rootMetadata : undefined;
  if (root && metadata) root.view.attributes.consume("metadata");

  const resourceHolders = chooseResourceHolders(byPriority);
  const steps = spans.map((mapped) => {
    const resource = resourceHolders.get(mapped);
    const schemaUrl = mapped.resourceSpans.schemaUrl;
    return buildStepBody(mapped, resource ? { attributes: resource, schemaUrl } : undefined);
  });
  const rootStep = root && steps[spans.indexOf(root)];
  const trace = buildTraceBody({
    traceId,
    spans,
    facts,
    ...(root && rootStep
      ? {
          root: {
            mapped: root,
            step: rootStep,
            resource: toJsonObject(root.resourceSpans.resource.attributes),
            ...(metadata ? { metadata } : {}),
          },
        }
      : {}),
  });
  return { trace, steps };
}
