import type { ChosenTraceFacts } from "./choose-trace-facts.ts";
import type { StepEventBodyInput, TraceEventBodyInput } from "./event-body-types.ts";
import type { MappedSpan } from "./mapped-span.ts";
import type { JsonObject } from "./json-value.ts";
import { clipText } from "./text.ts";
import { formatUnixNanos } from "./timestamps.ts";

function readResourceString(resource: JsonObject, key: string): string | undefined {
  const value = resource[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** `service.name@service.version`, e.g. "support-agent@1.4.2"; the version alone without a name. */
function readRelease(resource: JsonObject): string | undefined {
  const name = readResourceString(resource, "service.name");
  const version = readResourceString(resource, "service.version");
  if (version === undefined) return undefined;
  return clipText(name === undefined ? version : `${name}@${version}`, 256);
}

/** The workflow or agent the root span runs, else the root span's name. */
function readTraceName(root: MappedSpan, rootStep: StepEventBodyInput): string {
  const { attributes } = root.view;
  const name =
    attributes.string("gen_ai.workflow.name") ??
    attributes.string("traceloop.workflow.name") ??
    root.draft.agentName ??
    rootStep.name ??
    root.span.name;
  return clipText(name, 512);
}

function describeRoot(
  root: MappedSpan,
  rootStep: StepEventBodyInput,
  metadata: JsonObject | undefined,
  resource: JsonObject,
) {
  const release = readRelease(resource);
  const environment =
    readResourceString(resource, "deployment.environment.name") ??
    readResourceString(resource, "deployment.environment");
  return {
    name: readTraceName(root, rootStep),
    ...(release === undefined ? {} : { release }),
    ...(environment === undefined ? {} : { environment: clipText(environment, 128) }),
    ...(metadata === undefined ? {} : { metadata }),
    ...(rootStep.status === undefined ? {} : { status: rootStep.status }),
    ...(rootStep.statusMessage === undefined ? {} : { statusMessage: rootStep.statusMessage }),
    ...(rootStep.endTime === undefined ? {} : { endTime: rootStep.endTime }),
    ...(rootStep.input === undefined ? {} : { input: rootStep.input }),
    ...(rootStep.output === undefined ? {} : { output: rootStep.output }),
  };
}

/**
 * Every trace body carries its id and the earliest start among its spans in this export, plus the
 * session, user and tags any span stated. Only a root span also describes the run: name, status,
 * end, input, output, metadata, release and environment, so a batch of child spans never overwrites them.
 */
export function buildTraceBody(input: {
  traceId: string;
  spans: MappedSpan[];
  facts: ChosenTraceFacts;
  root?: {
    mapped: MappedSpan;
    step: StepEventBodyInput;
    metadata?: JsonObject;
    resource: JsonObject;
  };
}): TraceEventBodyInput {
  const { traceId, spans, facts, root } = input;
  const start = spans.reduce(
    (earliest, { span }) => (span.startTimeUnixNano < earliest ? span.startTimeUnixNano : earliest),
    spans[0]?.span.startTimeUnixNano ?? 0n,
  );
  return {
    id: traceId,
    startTime: formatUnixNanos(start),
    ...(facts.sessionId === undefined ? {} : { sessionId: facts.sessionId }),
    ...(facts.userId === undefined ? {} : { userId: facts.userId }),
    ...(facts.tags.length > 0 ? { tags: facts.tags } : {}),
    ...(root ? describeRoot(root.mapped, root.step, root.metadata, root.resource) : {}),
  };
}
