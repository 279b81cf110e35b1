import type { ChatMessage } from "@loupe/schema";
import type { ReplayRequest } from "../replay-request.ts";
import type { ProviderConfig } from "./provider-config.ts";

export type ProviderUsage = { input: number; output: number };

/** One provider's wire format: how a request goes out and how its answer comes back. */
export type ProviderAdapter = {
  describe: string;
  buildHttpRequest(
    config: ProviderConfig,
    request: ReplayRequest,
  ): { url: string; headers: Record<string, string>; body: unknown };
  /** Throws when the body is not the provider's answer shape. */
  parseResponse(body: unknown): { message: ChatMessage; usage: ProviderUsage };
};

/** Trailing slashes on a configured base URL are common and harmless; drop them before joining. */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, "")}${path}`;
}

/** Models emit tool arguments as a JSON string; keep the raw string when it does not parse. */
export function parseToolArguments(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
