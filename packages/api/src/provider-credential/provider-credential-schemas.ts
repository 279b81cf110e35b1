import { z } from "zod";

export const ProviderKind = z.enum(["openai", "anthropic"]);

export const CreateProviderCredentialInput = z.object({
  name: z.string().trim().min(1).max(100),
  kind: ProviderKind,
  /** OpenAI-compatible servers (Azure OpenAI, vLLM, Ollama, LiteLLM…) differ only by this. */
  baseUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).transform((url) => url.replace(/\/+$/, "")),
  apiKey: z.string().trim().min(1).max(500),
});

export const DeleteProviderCredentialInput = z.object({ credentialId: z.uuid() });
