import type { StepKind } from "@loupe/schema";
import type { MappedSpan } from "./mapped-span.ts";
import type { JsonObject } from "./json-value.ts";
import { readSpanStatus } from "./span-status.ts";
import { buildStepAttributes } from "./step-attributes.ts";
import type { StepDraft } from "./step-draft.ts";
import type { StepEventBodyInput } from "./event-body-types.ts";
import { clipText } from "./text.ts";
import { formatUnixNanos } from "./timestamps.ts";

function isLlmInput(input: unknown): boolean {
  return (
    typeof input === "object" &&
    input !== null &&
    Array.isArray((input as { messages?: unknown }).messages)
  );
}

/** For spans no convention named: what their content says, else an event when instantaneous, else a chain. */
function inferKind({ span, draft }: MappedSpan): StepKind {
  if (draft.kind) return draft.kind;
  if (draft.tool) return "tool";
  if (draft.model !== undefined || isLlmInput(draft.input)) return "llm";
  return span.endTimeUnixNano === span.startTimeUnixNano ? "event" : "chain";
}

function limitDraft(draft: StepDraft): Partial<StepEventBodyInput> {
  const { tool, prompt } = draft;
  return {
    ...(draft.agentName === undefined ? {} : { agentName: clipText(draft.agentName, 256) }),
    ...(draft.model === undefined ? {} : { model: clipText(draft.model, 256) }),
    ...(draft.provider === undefined ? {} : { provider: clipText(draft.provider, 128) }),
    ...(draft.modelParameters === undefined ? {} : { modelParameters: draft.modelParameters }),
    ...(prompt === undefined ? {} : { prompt: { ...prompt, name: clipText(prompt.name, 256) } }),
    ...(tool === undefined
      ? {}
      : {
          tool: {
            name: clipText(tool.name, 256),
            ...(tool.callId === undefined ? {} : { callId: clipText(tool.callId, 256) }),
          },
        }),
    ...(draft.input === undefined ? {} : { input: draft.input }),
    ...(draft.output === undefined ? {} : { output: draft.output }),
    ...(draft.usage === undefined ? {} : { usage: draft.usage }),
    ...(draft.cost === undefined ? {} : { cost: draft.cost }),
  };
}

export function buildStepBody(
  mapped: MappedSpan,
  resource?: { attributes: JsonObject; schemaUrl: string },
): StepEventBodyInput {
  const { span, view, draft, scopeSpans } = mapped;
  const kind = inferKind(mapped);
  const name = span.name === "" ? (draft.tool?.name ?? draft.model ?? kind) : span.name;
  return {
    id: span.spanId,
    traceId: span.traceId,
    parentId: span.parentSpanId === "" ? null : span.parentSpanId,
    kind,
    name: clipText(name, 512),
    ...readSpanStatus(span),
    startTime: formatUnixNanos(span.startTimeUnixNano),
    ...(span.endTimeUnixNano === 0n ? {} : { endTime: formatUnixNanos(span.endTimeUnixNano) }),
    ...limitDraft(draft),
    attributes: buildStepAttributes(view, draft, {
      scope: scopeSpans.scope,
      scopeSchemaUrl: scopeSpans.schemaUrl,
      ...(resource ? { resource } : {}),
    }),
  };
}
