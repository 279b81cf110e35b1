/**
 * OpenTelemetry `gen_ai.provider.name` (and older `gen_ai.system`) values that the price table's
 * own provider matching does not recognise. Everything else — openai, anthropic, aws.bedrock,
 * gcp.vertex_ai, gcp.gemini, mistral_ai, groq, xai, "openai.chat"… — the table matches itself.
 */
const PROVIDER_ALIASES: Readonly<Record<string, string>> = {
  // Azure OpenAI and Azure AI Foundry both bill at Azure's prices; the table's azure provider
  // falls back to the OpenAI, Anthropic, DeepSeek, xAI and Moonshot catalogues it resells.
  "azure.ai.openai": "azure",
  "az.ai.openai": "azure",
  "azure.ai.inference": "azure",
  "az.ai.inference": "azure",
  "gcp.gen_ai": "google",
  x_ai: "x-ai",
};

// The table splits "vendor/model" names under this id and falls back to matching the model alone.
const PROVIDER_FROM_MODEL = "litellm";

/** The provider id to look prices up under, from the name the sender used. */
export function resolveProviderId(provider: string | undefined): string {
  const name = provider?.trim().toLowerCase();
  if (!name) return PROVIDER_FROM_MODEL;
  return PROVIDER_ALIASES[name] ?? name;
}
