import { StepKind } from "@loupe/schema";
import { isJsonObject, readStructured } from "./json-value.ts";
import type { SpanView } from "./span-view.ts";
import type { StepDraft } from "./step-draft.ts";

/** Loupe's own attributes, documented in the package README; they win over every convention. */
export function mapLoupeAttributes(view: SpanView, draft: StepDraft): void {
  const { attributes } = view;
  const kind = StepKind.safeParse(attributes.get("loupe.step.kind"));
  if (kind.success) {
    draft.kind = kind.data;
    attributes.consume("loupe.step.kind");
  }
  const name = attributes.string("loupe.prompt.name");
  const version = attributes.number("loupe.prompt.version");
  const rawVariables = attributes.get("loupe.prompt.variables");
  const variables = rawVariables === undefined ? {} : readStructured(rawVariables);
  if (
    name !== undefined &&
    version !== undefined &&
    Number.isSafeInteger(version) &&
    version > 0 &&
    isJsonObject(variables)
  ) {
    draft.prompt = { name, version, variables };
    attributes.consume("loupe.prompt.name", "loupe.prompt.version", "loupe.prompt.variables");
  }
}
