import { afterEach, describe, expect, it, vi } from "vitest";
import { buildAlertNotice } from "../testing/build-alert-notice.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../testing/start-webhook-receiver.ts";
import { sendWebhook, type WebhookTarget } from "./send-webhook.ts";
import { verifyWebhookSignature } from "./sign-webhook.ts";

const secret = "whsec_test";

function buildTarget(url: string, overrides: Partial<WebhookTarget> = {}): WebhookTarget {
  return {
    url,
    secret,
    format: "json",
    notice: buildAlertNotice(),
    deliveryId: "delivery_1",
    ...overrides,
  };
}

/** A fetch that never answers until the request is aborted, as a hung receiver would. */
const hangingFetch: typeof fetch = (_input, init) =>
  new Promise((_resolve, reject) => {
    init?.signal?.addEventListener("abort", () =>
      reject(new DOMException("aborted", "AbortError")),
    );
  });

const receivers: WebhookReceiver[] = [];

async function startReceiver(
  options?: Parameters<typeof startWebhookReceiver>[0],
): Promise<WebhookReceiver> {
  const receiver = await startWebhookReceiver(options);
  receivers.push(receiver);
  return receiver;
}

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

describe("sendWebhook", () => {
  it("delivers a signed JSON body that the receiver can verify", async () => {
    const receiver = await startReceiver();
    const attempt = await sendWebhook(buildTarget(receiver.url));

    expect(attempt).toMatchObject({ ok: true, status: 200, error: null });
    expect(attempt.durationMs).toBeGreaterThanOrEqual(0);
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    if (!request) throw new Error("receiver got nothing");
    expect(request.rawBody).toBe(attempt.requestBody);
    expect(request.body).toMatchObject({ type: "loupe.alert.fired", version: 1 });
    expect(request.headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": "Loupe-Webhook/1",
      "x-loupe-delivery": "delivery_1",
    });
    const signature = request.headers["x-loupe-signature"];
    if (typeof signature !== "string") throw new Error("no signature header");
    const now = Math.floor(request.at.getTime() / 1000);
    expect(verifyWebhookSignature({ secret, header: signature, body: request.rawBody, now })).toBe(
      true,
    );
    expect(
      verifyWebhookSignature({
        secret: "whsec_other",
        header: signature,
        body: request.rawBody,
        now,
      }),
    ).toBe(false);
  });

  it("reports a failing receiver with its status, then succeeds once it recovers", async () => {
    const receiver = await startReceiver({ failFirst: 2, failStatus: 502 });
    const target = buildTarget(receiver.url);

    const first = await sendWebhook(target);
    const second = await sendWebhook(target);
    const third = await sendWebhook(target);

    expect(first).toMatchObject({
      ok: false,
      status: 502,
      error: "HTTP 502: receiver failing on purpose",
    });
    expect(second).toMatchObject({ ok: false, status: 502 });
    expect(third).toMatchObject({ ok: true, status: 200, error: null });
    await receiver.waitFor(3);
    expect(receiver.received.map((request) => request.headers["x-loupe-delivery"])).toEqual([
      "delivery_1",
      "delivery_1",
      "delivery_1",
    ]);
  });

  it("sends Slack's format when asked", async () => {
    const receiver = await startReceiver();
    await sendWebhook(buildTarget(receiver.url, { format: "slack" }));
    expect(receiver.received[0]?.body).toMatchObject({
      text: expect.stringContaining("Alert fired"),
    });
  });

  it("reports a receiver that is not listening as a network error", async () => {
    const receiver = await startWebhookReceiver();
    await receiver.close();
    const attempt = await sendWebhook(buildTarget(receiver.url));
    expect(attempt).toMatchObject({ ok: false, status: null });
    expect(attempt.error).toMatch(/^network error: .*ECONNREFUSED/);
  });

  it("gives up on a receiver that does not answer in time", async () => {
    vi.useFakeTimers();
    const pending = sendWebhook(buildTarget("https://hooks.example/slow"), {
      fetch: hangingFetch,
      timeoutMs: 5_000,
    });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await pending).toMatchObject({
      ok: false,
      status: null,
      error: "timed out after 5000 ms",
    });
  });

  it("keeps only an excerpt of a large error body", async () => {
    const fetchServerError: typeof fetch = () =>
      Promise.resolve(new Response(`<html>\n  ${"oops ".repeat(10_000)}</html>`, { status: 500 }));
    const attempt = await sendWebhook(buildTarget("https://hooks.example/broken"), {
      fetch: fetchServerError,
    });
    expect(attempt.error).toMatch(/^HTTP 500: <html> oops oops /);
    expect(attempt.error?.length).toBeLessThanOrEqual("HTTP 500: ".length + 201);
  });

  it("treats a redirect as a failure instead of following it", async () => {
    const requests: RequestInit[] = [];
    const fetchRedirect: typeof fetch = (_input, init) => {
      requests.push(init ?? {});
      return Promise.resolve(
        new Response(null, { status: 302, headers: { location: "http://10.0.0.1/" } }),
      );
    };
    const attempt = await sendWebhook(buildTarget("https://hooks.example/moved"), {
      fetch: fetchRedirect,
    });
    expect(attempt).toMatchObject({ ok: false, status: 302, error: "HTTP 302" });
    expect(requests[0]?.redirect).toBe("manual");
  });

  it("signs with the injected clock and measures the attempt with it", async () => {
    const clock = [1_736_935_200_400, 1_736_935_200_650];
    const now = () => clock.shift() ?? Number.NaN;
    const headers: Record<string, string>[] = [];
    const fetchOk: typeof fetch = (_input, init) => {
      headers.push(init?.headers as Record<string, string>);
      return Promise.resolve(new Response(null, { status: 204 }));
    };
    const attempt = await sendWebhook(buildTarget("https://hooks.example/ok"), {
      fetch: fetchOk,
      now,
    });
    expect(attempt).toMatchObject({ ok: true, status: 204, durationMs: 250 });
    const signature = headers[0]?.["x-loupe-signature"] ?? "";
    expect(signature).toMatch(/^t=1736935200,v1=[0-9a-f]{64}$/);
    expect(
      verifyWebhookSignature({
        secret,
        header: signature,
        body: attempt.requestBody,
        now: 1_736_935_200,
      }),
    ).toBe(true);
  });
});
