import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhookSignature } from "./sign-webhook.ts";

const secret = "whsec_test";
const timestamp = 1_736_935_200;
const body = JSON.stringify({ type: "loupe.alert.fired", version: 1 });
const header = signWebhook({ secret, timestamp, body });

describe("signWebhook", () => {
  it("signs the timestamp and body with HMAC-SHA256 in the documented format", () => {
    const expected = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
    expect(header).toBe(`t=${timestamp},v1=${expected}`);
  });
});

describe("verifyWebhookSignature", () => {
  it("accepts its own signature", () => {
    expect(verifyWebhookSignature({ secret, header, body, now: timestamp + 10 })).toBe(true);
  });

  it.each([
    ["a tampered body", { body: body.replace("fired", "resolved") }],
    ["the wrong secret", { secret: "whsec_other" }],
    ["a stale timestamp", { now: timestamp + 301 }],
    ["a timestamp from the future", { now: timestamp - 301 }],
    ["a stale timestamp under a tighter tolerance", { now: timestamp + 61, toleranceSeconds: 60 }],
    ["a header without a signature", { header: `t=${timestamp}` }],
    ["a header without a timestamp", { header: header.replace(/^t=\d+,/, "") }],
    ["a non-numeric timestamp", { header: header.replace(/^t=\d+/, "t=soon") }],
    ["a truncated signature", { header: header.slice(0, -2) }],
    ["a re-signed timestamp", { header: header.replace(`t=${timestamp}`, `t=${timestamp + 1}`) }],
    ["an empty header", { header: "" }],
  ])("rejects %s", (_case, change) => {
    expect(verifyWebhookSignature({ secret, header, body, now: timestamp, ...change })).toBe(false);
  });

  it("accepts a timestamp right at the tolerance", () => {
    expect(verifyWebhookSignature({ secret, header, body, now: timestamp + 300 })).toBe(true);
  });

  it("accepts any matching v1 entry, so secrets can be rotated", () => {
    const rotated = `${signWebhook({ secret: "whsec_old", timestamp, body })},v1=${header.split("v1=")[1]}`;
    expect(verifyWebhookSignature({ secret, header: rotated, body, now: timestamp })).toBe(true);
  });
});
