import { createHash } from "node:crypto";
import { ChatMessage, JsonObject, LlmInput, ToolDefinition } from "@loupe/schema";
import { z } from "zod";
import { toCanonicalJson } from "./canonical-json.ts";

/** Everything a provider call depends on, provider-neutral: what a replay sends. */
export const ReplayRequest = z.object({
  provider: z.string().min(1),
  model: z.string().min(1),
  messages: z.array(ChatMessage),
  tools: z.array(ToolDefinition),
  /** The recorded model parameters as recorded (temperature, top_p, max_tokens, seed, stop...). */
  parameters: JsonObject,
});
export type ReplayRequest = z.infer<typeof ReplayRequest>;

export class ReplayInputError extends Error {
  readonly code = "replay_input_invalid";
  /** The recorded field that is missing or malformed, as a dotted path. */
  readonly field: string;

  constructor(field: string, detail: string) {
    super(`Cannot replay this step: ${field} ${detail}`);
    this.name = "ReplayInputError";
    this.field = field;
  }
}

// Recorded steps often predate the provider attribute; OpenAI's wire format is the common default.
const DEFAULT_PROVIDER = "openai";

/** Rebuilds the request an LLM step sent, from the fields a recorded step carries. */
export function buildRecordedRequest(step: {
  provider?: string | null;
  model?: string | null;
  modelParameters?: JsonObject | null;
  input?: unknown;
}): ReplayRequest {
  if (!step.model) throw new ReplayInputError("model", "is missing");
  const input = LlmInput.safeParse(step.input);
  if (!input.success) {
    const issue = input.error.issues[0];
    const field = ["input", ...(issue?.path ?? [])].join(".");
    throw new ReplayInputError(field, `is not an LLM input (${issue?.message ?? "invalid"})`);
  }
  return {
    provider: step.provider || DEFAULT_PROVIDER,
    model: step.model,
    messages: input.data.messages,
    tools: input.data.tools ?? [],
    parameters: step.modelParameters ?? {},
  };
}

/**
 * A stable identity for a request: sha256 of its RFC 8785 canonical JSON, so key order and
 * undefined fields do not matter but every value that reaches the provider does.
 */
export function fingerprintRequest(request: ReplayRequest): string {
  return createHash("sha256").update(toCanonicalJson(request)).digest("hex");
}

const SEED_HEX_DIGITS = 8;
// Providers and storage take a signed 32-bit seed; 31 bits of the fingerprint always fit.
const MAX_SEED = 0x7fffffff;

/**
 * Fixes what makes sampling vary between calls: the recorded temperature (or 0) and the recorded
 * seed, or one derived from the request so the same request always gets the same seed.
 */
export function pinDeterminism(request: ReplayRequest): {
  request: ReplayRequest;
  temperature: number;
  seed: number;
} {
  const { temperature: recordedTemperature, seed: recordedSeed } = request.parameters;
  const temperature = typeof recordedTemperature === "number" ? recordedTemperature : 0;
  const seed =
    typeof recordedSeed === "number" && Number.isInteger(recordedSeed)
      ? recordedSeed
      : Number.parseInt(fingerprintRequest(request).slice(0, SEED_HEX_DIGITS), 16) & MAX_SEED;
  return {
    request: { ...request, parameters: { ...request.parameters, temperature, seed } },
    temperature,
    seed,
  };
}
