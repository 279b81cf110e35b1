import type { StepKind } from "@loupe/schema";
import type { JsonObject } from "./json-value.ts";

/** The step fields convention mappers fill; each fills only what an earlier mapper left empty. */
export type StepDraft = {
  kind?: StepKind;
  agentName?: string;
  model?: string;
  provider?: string;
  modelParameters?: JsonObject;
  prompt?: { name: string; version: number; variables: JsonObject };
  tool?: { name: string; callId?: string };
  input?: unknown;
  output?: unknown;
  usage?: { input?: number; output?: number; cached?: number; reasoning?: number };
  cost?: number;
  /** Attributes a mapper derived from content it consumed, kept beside the sender's own. */
  derivedAttributes: JsonObject;
};
