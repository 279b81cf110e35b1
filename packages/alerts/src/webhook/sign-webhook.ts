import { createHmac, timingSafeEqual } from "node:crypto";

/** Wider than any sane clock skew, narrow enough that a captured request soon stops working. */
const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * The `x-loupe-signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. Signing
 * the timestamp with the body lets receivers refuse replays of old requests.
 */
export function signWebhook({
  secret,
  timestamp,
  body,
}: {
  secret: string;
  timestamp: number;
  body: string;
}): string {
  return `t=${timestamp},v1=${computeSignature(secret, timestamp, body)}`;
}

/** For receivers; `now` is in unix seconds like the signed timestamp. */
export function verifyWebhookSignature({
  secret,
  header,
  body,
  now,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
}: {
  secret: string;
  header: string;
  body: string;
  now: number;
  toleranceSeconds?: number;
}): boolean {
  const parts = header.split(",").map((part) => part.trim());
  const timestampText = parts.find((part) => part.startsWith("t="))?.slice(2) ?? "";
  if (!/^\d+$/.test(timestampText)) return false;
  const timestamp = Number(timestampText);
  if (Math.abs(now - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(computeSignature(secret, timestamp, body), "hex");
  // Several v1 entries are allowed so a sender can sign with an old and a new secret while rotating.
  return parts
    .filter((part) => part.startsWith("v1="))
    .some((part) => {
      const candidate = Buffer.from(part.slice(3), "hex");
      return candidate.length === expected.length && timingSafeEqual(candidate, expected);
    });
}

function computeSignature(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}
