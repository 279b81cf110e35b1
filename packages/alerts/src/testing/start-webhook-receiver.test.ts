import { afterEach, describe, expect, it, vi } from "vitest";
import { startWebhookReceiver, type WebhookReceiver } from "./start-webhook-receiver.ts";

let receiver: WebhookReceiver | undefined;

afterEach(async () => {
  vi.useRealTimers();
  await receiver?.close();
  receiver = undefined;
});

describe("startWebhookReceiver", () => {
  it("records each request and wakes a waiter when enough have arrived", async () => {
    receiver = await startWebhookReceiver();
    const waiting = receiver.waitFor(2);
    await fetch(receiver.url, { method: "POST", body: '{"n":1}' });
    await fetch(receiver.url, { method: "POST", body: "not json" });
    await waiting;
    expect(receiver.received.map(({ body, rawBody }) => ({ body, rawBody }))).toEqual([
      { body: { n: 1 }, rawBody: '{"n":1}' },
      { body: null, rawBody: "not json" },
    ]);
  });

  it("fails the first requests with the given status, then answers 200", async () => {
    receiver = await startWebhookReceiver({ failFirst: 1 });
    const first = await fetch(receiver.url, { method: "POST", body: "{}" });
    const second = await fetch(receiver.url, { method: "POST", body: "{}" });
    expect([first.status, second.status]).toEqual([503, 200]);
  });

  it("rejects a waiter when requests do not arrive in time", async () => {
    receiver = await startWebhookReceiver();
    vi.useFakeTimers();
    const waiting = receiver.waitFor(1, 2_000);
    const rejected = expect(waiting).rejects.toThrow(
      "webhook receiver got 0 of 1 requests in 2000 ms",
    );
    await vi.advanceTimersByTimeAsync(2_000);
    await rejected;
  });
});
