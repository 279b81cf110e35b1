import { afterEach, describe, expect, it } from "vitest";
import { buildAlertNotice } from "../testing/build-alert-notice.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../testing/start-webhook-receiver.ts";
import { createGuardedFetch, type GuardedFetch } from "./guarded-fetch.ts";
import type { ResolveHost } from "./resolve-host.ts";
import { sendWebhook } from "./send-webhook.ts";
import { WebhookAddressRefusedError, type WebhookNetworks } from "./webhook-networks.ts";

const opened: (WebhookReceiver | GuardedFetch)[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((resource) => resource.close()));
});

async function startReceiver(): Promise<WebhookReceiver> {
  const receiver = await startWebhookReceiver();
  opened.push(receiver);
  return receiver;
}

function guardedFetch(networks: WebhookNetworks, resolveHost?: ResolveHost): GuardedFetch {
  const guarded = createGuardedFetch({ networks, ...(resolveHost ? { resolveHost } : {}) });
  opened.push(guarded);
  return guarded;
}

/**
 * A DNS server under an attacker's control: each lookup of any name gets the next answer, as
 * rebinding does when the first answer passes a check and a later one is used to connect.
 */
function rebindingResolver(...answers: string[][]): ResolveHost & { lookups: string[] } {
  const lookups: string[] = [];
  const resolve = (hostname: string) => {
    lookups.push(hostname);
    const addresses = answers[Math.min(lookups.length, answers.length) - 1] ?? [];
    return Promise.resolve(
      addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
    );
  };
  return Object.assign(resolve, { lookups });
}

/** The receiver's URL under a name only the test's resolver knows; the system DNS cannot answer it. */
function underName(receiver: WebhookReceiver, hostname: string): string {
  const url = new URL(receiver.url);
  url.hostname = hostname;
  return url.toString();
}

async function failureCause(request: Promise<unknown>): Promise<unknown> {
  const error = await request.then(
    () => null,
    (failure: unknown) => failure,
  );
  if (!(error instanceof Error)) throw new Error("expected the request to fail");
  return error.cause;
}

describe("createGuardedFetch", () => {
  it("delivers to a loopback receiver by default", async () => {
    const receiver = await startReceiver();
    const { fetch } = guardedFetch("public-and-private");
    const response = await fetch(receiver.url, { method: "POST", body: "{}" });
    expect(response.status).toBe(200);
    expect(receiver.received).toHaveLength(1);
  });

  it("refuses a loopback receiver when only public networks are allowed, without connecting", async () => {
    const receiver = await startReceiver();
    const { fetch } = guardedFetch("public");
    const cause = await failureCause(fetch(receiver.url, { method: "POST", body: "{}" }));
    expect(cause).toBeInstanceOf(WebhookAddressRefusedError);
    expect((cause as Error).message).toMatch(/^127\.0\.0\.1 is a loopback address/);
    expect(receiver.received).toHaveLength(0);
  });

  it.each([
    ["http://169.254.169.254/latest/meta-data/", /^169\.254\.169\.254 is a link-local/],
    [
      "http://[::ffff:169.254.169.254]/",
      /^::ffff:a9fe:a9fe \(169\.254\.169\.254\) is a link-local/,
    ],
    ["http://2852039166/", /^169\.254\.169\.254 is a link-local/],
    ["http://0.0.0.0:8080/", /^0\.0\.0\.0 is an unspecified address/],
  ])("refuses the literal %s before connecting", async (url, reason) => {
    const { fetch } = guardedFetch("public-and-private");
    const cause = await failureCause(fetch(url, { method: "POST", body: "{}" }));
    expect(cause).toBeInstanceOf(WebhookAddressRefusedError);
    expect((cause as Error).message).toMatch(reason);
  });

  it("connects to the address it checked, not to one a second lookup would give", async () => {
    const receiver = await startReceiver();
    const resolver = rebindingResolver(["127.0.0.1"], ["169.254.169.254"]);
    const { fetch } = guardedFetch("public-and-private", resolver);

    // The system resolver cannot answer rebind.test: the request reaching the receiver shows
    // that the connection used the checked answer itself.
    const response = await fetch(underName(receiver, "rebind.test"), {
      method: "POST",
      body: "{}",
    });
    expect(response.status).toBe(200);
    expect(receiver.received).toHaveLength(1);
    expect(resolver.lookups).toEqual(["rebind.test"]);
  });

  it("refuses a name once it resolves to a refused address, however it resolved before", async () => {
    const receiver = await startReceiver();
    const resolver = rebindingResolver(["169.254.169.254"]);
    const { fetch } = guardedFetch("public-and-private", resolver);
    const cause = await failureCause(
      fetch(underName(receiver, "rebind.test"), { method: "POST", body: "{}" }),
    );
    expect(cause).toBeInstanceOf(WebhookAddressRefusedError);
    expect((cause as Error).message).toBe(
      "rebind.test resolves only to refused addresses: 169.254.169.254 is a link-local address, where cloud metadata services listen; webhooks are never sent there",
    );
    expect(receiver.received).toHaveLength(0);
  });

  it("connects only to the allowed addresses of a name that also resolves to refused ones", async () => {
    const receiver = await startReceiver();
    const resolver = rebindingResolver(["169.254.169.254", "::ffff:169.254.169.254", "127.0.0.1"]);
    const { fetch } = guardedFetch("public-and-private", resolver);
    const response = await fetch(underName(receiver, "mixed.test"), { method: "POST", body: "{}" });
    expect(response.status).toBe(200);
    expect(receiver.received).toHaveLength(1);
  });

  it("refuses a name that resolves to loopback when only public networks are allowed", async () => {
    const receiver = await startReceiver();
    const { fetch } = guardedFetch("public", rebindingResolver(["127.0.0.1", "::1"]));
    const cause = await failureCause(
      fetch(underName(receiver, "localhost.test"), { method: "POST", body: "{}" }),
    );
    expect((cause as Error).message).toMatch(
      /^localhost\.test resolves only to refused addresses: 127\.0\.0\.1 is a loopback address.*; ::1 is a loopback address/,
    );
    expect(receiver.received).toHaveLength(0);
  });

  it("passes a DNS failure on as an ordinary network error", async () => {
    const { fetch } = guardedFetch("public-and-private", () =>
      Promise.reject(
        Object.assign(new Error("getaddrinfo ENOTFOUND gone.test"), { code: "ENOTFOUND" }),
      ),
    );
    const cause = await failureCause(fetch("http://gone.test/", { method: "POST", body: "{}" }));
    expect(cause).not.toBeInstanceOf(WebhookAddressRefusedError);
    expect((cause as Error).message).toMatch(/ENOTFOUND/);
  });
});

describe("sendWebhook through a guarded fetch", () => {
  const target = (url: string) => ({
    url,
    secret: "whsec_test",
    format: "json" as const,
    notice: buildAlertNotice(),
    deliveryId: "delivery_1",
  });

  it("reports a refused address as refused, with the reason", async () => {
    const { fetch } = guardedFetch("public-and-private");
    const attempt = await sendWebhook(target("http://169.254.169.254/latest/meta-data/"), {
      fetch,
    });
    expect(attempt).toMatchObject({
      ok: false,
      refused: true,
      status: null,
      error:
        "refused: 169.254.169.254 is a link-local address, where cloud metadata services listen; webhooks are never sent there",
    });
  });

  it("delivers to an allowed receiver and reports an unreachable one as a network error", async () => {
    const receiver = await startReceiver();
    const { fetch } = guardedFetch("public-and-private");
    expect(await sendWebhook(target(receiver.url), { fetch })).toMatchObject({
      ok: true,
      refused: false,
      status: 200,
    });

    const closed = await startWebhookReceiver();
    await closed.close();
    const attempt = await sendWebhook(target(closed.url), { fetch });
    expect(attempt).toMatchObject({ ok: false, refused: false, status: null });
    expect(attempt.error).toMatch(/^network error: .*ECONNREFUSED/);
  });
});
