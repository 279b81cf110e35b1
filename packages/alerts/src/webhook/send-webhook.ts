import type { AlertNotice } from "./alert-notice.ts";
import { buildWebhookBody, type WebhookFormat } from "./build-webhook-body.ts";
import { signWebhook } from "./sign-webhook.ts";
import { WebhookAddressRefusedError } from "./webhook-networks.ts";

/** The outcome of one delivery attempt, as the delivery log stores it. */
export type DeliveryAttempt = {
  ok: boolean;
  status: number | null;
  error: string | null;
  /** The receiver's address is one the network setting refuses: trying again cannot help. */
  refused: boolean;
  durationMs: number;
  requestBody: string;
};

export type WebhookTarget = {
  url: string;
  secret: string;
  format: WebhookFormat;
  notice: AlertNotice;
  /** Stays the same across retries, so receivers can drop duplicates. */
  deliveryId: string;
};

export type SendWebhookOptions = {
  /** Deliveries pass `createGuardedFetch`'s, which refuses addresses the network setting forbids. */
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
  /** Epoch milliseconds; signs the request and measures it. */
  now?: () => number;
};

/** Enough of a failing response to tell "wrong URL" from "receiver down" in the delivery log. */
const RESPONSE_EXCERPT_MAX_CHARS = 200;

/**
 * Makes one delivery attempt and reports how it went; it never throws for a failed delivery. The
 * caller owns retries (see `retryDelayMs`).
 */
export async function sendWebhook(
  { url, secret, format, notice, deliveryId }: WebhookTarget,
  { fetch = globalThis.fetch, timeoutMs = 10_000, now = Date.now }: SendWebhookOptions = {},
): Promise<DeliveryAttempt> {
  const requestBody = JSON.stringify(buildWebhookBody(format, notice));
  const startedAt = now();
  const signature = signWebhook({
    secret,
    timestamp: Math.floor(startedAt / 1000),
    body: requestBody,
  });
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const finish = (
    outcome: Omit<DeliveryAttempt, "durationMs" | "requestBody" | "refused">,
    refused = false,
  ): DeliveryAttempt => ({
    ...outcome,
    refused,
    durationMs: Math.max(0, now() - startedAt),
    requestBody,
  });
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Loupe-Webhook/1",
        "x-loupe-signature": signature,
        "x-loupe-delivery": deliveryId,
      },
      body: requestBody,
      // A redirect is reported, not followed: the configured address is the one that was checked.
      redirect: "manual",
      signal: abort.signal,
    });
    if (response.ok) {
      await response.body?.cancel();
      return finish({ ok: true, status: response.status, error: null });
    }
    const excerpt = await readExcerpt(response);
    const error =
      excerpt === "" ? `HTTP ${response.status}` : `HTTP ${response.status}: ${excerpt}`;
    return finish({ ok: false, status: response.status, error });
  } catch (error) {
    if (error instanceof Error && error.cause instanceof WebhookAddressRefusedError) {
      return finish({ ok: false, status: null, error: `refused: ${error.cause.message}` }, true);
    }
    const message = abort.signal.aborted
      ? `timed out after ${timeoutMs} ms`
      : describeNetworkError(error);
    return finish({ ok: false, status: null, error: message });
  } finally {
    clearTimeout(timer);
  }
}

/** Reads only the start of the body: a receiver's error page can be megabytes. */
async function readExcerpt(response: Response): Promise<string> {
  if (!response.body) return "";
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (text.length < RESPONSE_EXCERPT_MAX_CHARS) {
    const chunk = await reader.read();
    if (chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  await reader.cancel();
  const collapsed = text.replace(/\s+/g, " ").trim();
  return collapsed.length <= RESPONSE_EXCERPT_MAX_CHARS
    ? collapsed
    : `${collapsed.slice(0, RESPONSE_EXCERPT_MAX_CHARS)}…`;
}

/** Node's fetch says only "fetch failed"; the cause names what went wrong (ECONNREFUSED, DNS...). */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return `network error: ${String(error)}`;
  const cause: unknown = error.cause;
  const detail = cause instanceof Error ? cause.message : error.message;
  return `network error: ${detail}`;
}
