import type { ChatMessage } from "@loupe/schema";
import { setTimeout as delay } from "node:timers/promises";
import type { ReplayRequest } from "../replay-request.ts";
import { anthropicAdapter } from "./anthropic.ts";
import { openAiAdapter } from "./openai.ts";
import type { ProviderAdapter, ProviderUsage } from "./provider-adapter.ts";
import { ProviderConfig, type ProviderConfigInput } from "./provider-config.ts";
import { ProviderError } from "./provider-error.ts";

export type ProviderResult = {
  /** The assistant's reply, tool call arguments parsed from JSON where they parse. */
  message: ChatMessage;
  usage: ProviderUsage;
  /** Time of the successful attempt alone, comparable with a recorded step's duration. */
  latencyMs: number;
  attempts: number;
  raw: unknown;
};

export type CallProviderOptions = {
  fetch?: typeof fetch;
  sleep?: (milliseconds: number) => Promise<void>;
  now?: () => number;
};

const adapters: Record<ProviderConfig["kind"], ProviderAdapter> = {
  openai: openAiAdapter,
  anthropic: anthropicAdapter,
};

const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 8_000;
// A provider may ask for minutes; a replay someone is waiting on should fail instead.
const RETRY_AFTER_MAX_MS = 30_000;
const ERROR_MESSAGE_MAX_LENGTH = 300;

type AttemptFailure = {
  status?: number;
  retryable: boolean;
  retryAfterMs?: number;
  detail: string;
};

type AttemptOutcome =
  { ok: true; body: unknown; latencyMs: number } | ({ ok: false } & AttemptFailure);

function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Retry-After is either seconds or an HTTP date. */
function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const waitMs = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - nowMs;
  if (!Number.isFinite(waitMs)) return undefined;
  return Math.min(Math.max(0, waitMs), RETRY_AFTER_MAX_MS);
}

function truncate(text: string): string {
  return text.length > ERROR_MESSAGE_MAX_LENGTH
    ? `${text.slice(0, ERROR_MESSAGE_MAX_LENGTH)}…`
    : text;
}

/** OpenAI and Anthropic both answer errors with `{ error: { message } }`; anything else is quoted. */
function extractProviderMessage(bodyText: string): string {
  try {
    const body = JSON.parse(bodyText) as {
      error?: { message?: unknown } | string;
      message?: unknown;
    };
    const message =
      typeof body.error === "string"
        ? body.error
        : typeof body.error?.message === "string"
          ? body.error.message
          : body.message;
    if (typeof message === "string") return truncate(message);
  } catch {
    // Not JSON: a proxy's HTML page or plain text, quoted below.
  }
  return truncate(bodyText.trim() || "(empty body)");
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function attemptCall(
  http: { url: string; headers: Record<string, string>; body: unknown },
  config: ProviderConfig,
  fetchImpl: typeof fetch,
  now: () => number,
): Promise<AttemptOutcome> {
  const startedAt = now();
  try {
    const response = await fetchImpl(http.url, {
      method: "POST",
      headers: http.headers,
      body: JSON.stringify(http.body),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    const text = await response.text();
    if (!response.ok)
      return {
        ok: false,
        status: response.status,
        retryable: isRetryableStatus(response.status),
        retryAfterMs: parseRetryAfter(response.headers.get("retry-after"), now()),
        detail: `${response.status}: ${extractProviderMessage(text)}`,
      };
    try {
      return { ok: true, body: JSON.parse(text) as unknown, latencyMs: now() - startedAt };
    } catch {
      return {
        ok: false,
        status: response.status,
        retryable: false,
        detail: `a response that is not JSON: ${truncate(text)}`,
      };
    }
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    return {
      ok: false,
      retryable: true,
      detail: timedOut
        ? `no answer within ${config.timeoutMs} ms`
        : `a network error: ${describeError(error)}`,
    };
  }
}

function describeAttempts(attempts: number): string {
  return attempts === 1 ? "1 attempt" : `${attempts} attempts`;
}

/**
 * Sends one replay request. Rate limits, server errors, timeouts and network errors are retried
 * with exponential backoff (or the provider's Retry-After, capped); other client errors are not,
 * because sending the same request again cannot fix them.
 */
export async function callProvider(
  configInput: ProviderConfigInput,
  request: ReplayRequest,
  options: CallProviderOptions = {},
): Promise<ProviderResult> {
  const config = ProviderConfig.parse(configInput);
  const { fetch: fetchImpl = fetch, sleep = (ms: number) => delay(ms), now = Date.now } = options;
  const adapter = adapters[config.kind];
  const http = adapter.buildHttpRequest(config, request);

  for (let attempts = 1; ; attempts++) {
    const outcome = await attemptCall(http, config, fetchImpl, now);
    if (outcome.ok) {
      try {
        const { message, usage } = adapter.parseResponse(outcome.body);
        return { message, usage, latencyMs: outcome.latencyMs, attempts, raw: outcome.body };
      } catch (error) {
        throw new ProviderError({
          message: `${adapter.describe} answered in an unexpected shape: ${truncate(describeError(error))}`,
          attempts,
          retryable: false,
        });
      }
    }
    if (!outcome.retryable || attempts > config.maxRetries)
      throw new ProviderError({
        message: `${adapter.describe} failed after ${describeAttempts(attempts)} with ${outcome.detail}`,
        ...(outcome.status === undefined ? {} : { status: outcome.status }),
        attempts,
        retryable: outcome.retryable,
      });
    await sleep(
      outcome.retryAfterMs ?? Math.min(BACKOFF_BASE_MS * 2 ** (attempts - 1), BACKOFF_MAX_MS),
    );
  }
}
