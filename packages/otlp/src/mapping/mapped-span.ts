import type { OtlpResourceSpans, OtlpScopeSpans, OtlpSpan } from "../decode/otlp-trace-export.ts";
import { mapGenAiSpan } from "./genai.ts";
import { mapLoupeAttributes } from "./loupe.ts";
import { mapOpenInferenceSpan } from "./openinference.ts";
import { createSpanView, type SpanView } from "./span-view.ts";
import type { StepDraft } from "./step-draft.ts";
import { readTraceFacts, type TraceFacts } from "./trace-facts.ts";

/** A valid span with what the conventions made of it, before its trace is assembled. */
export type MappedSpan = {
  span: OtlpSpan;
  view: SpanView;
  draft: StepDraft;
  facts: TraceFacts;
  resourceSpans: OtlpResourceSpans;
  scopeSpans: OtlpScopeSpans;
};

/** Loupe's attributes first so they override; GenAI before OpenInference, each filling only what is empty. */
export function mapSpan(
  span: OtlpSpan,
  resourceSpans: OtlpResourceSpans,
  scopeSpans: OtlpScopeSpans,
): MappedSpan {
  const view = createSpanView(span);
  const draft: StepDraft = { derivedAttributes: {} };
  mapLoupeAttributes(view, draft);
  mapGenAiSpan(view, draft);
  mapOpenInferenceSpan(view, draft);
  return { span, view, draft, facts: readTraceFacts(view.attributes), resourceSpans, scopeSpans };
}
