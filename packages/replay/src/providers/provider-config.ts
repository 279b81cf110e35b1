import { z } from "zod";

/** Where and how a replay calls a model; the API key comes from the project's stored settings. */
export const ProviderConfig = z.object({
  /** The wire format: "openai" covers every OpenAI-compatible endpoint (Azure, vLLM, OpenRouter...). */
  kind: z.enum(["openai", "anthropic"]),
  /** For example https://api.openai.com/v1 or https://api.anthropic.com. */
  baseUrl: z.url(),
  apiKey: z.string().min(1),
  timeoutMs: z.number().int().positive().default(30_000),
  maxRetries: z.number().int().nonnegative().default(3),
});
export type ProviderConfig = z.infer<typeof ProviderConfig>;
export type ProviderConfigInput = z.input<typeof ProviderConfig>;
