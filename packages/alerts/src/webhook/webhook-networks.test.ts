import { describe, expect, it } from "vitest";
import { findAddressRefusal, findHostRefusal, WebhookNetworks } from "./webhook-networks.ts";

/** Refused whatever the setting: a cloud's metadata service, this host, or no single host. */
const NEVER_ALLOWED: [string, RegExp][] = [
  ["169.254.169.254", /link-local/],
  ["169.254.0.1", /link-local/],
  ["169.254.255.255", /link-local/],
  ["169.254.0.23", /link-local/],
  ["fe80::1", /link-local/],
  ["fe80::1%eth0", /link-local/],
  ["febf:ffff::1", /link-local/],
  ["0.0.0.0", /unspecified/],
  ["0.1.2.3", /unspecified/],
  ["::", /unspecified/],
  ["224.0.0.1", /multicast/],
  ["239.255.255.250", /multicast/],
  ["ff02::1", /multicast/],
  ["255.255.255.255", /broadcast/],
  ["100.100.100.200", /cloud metadata/],
  ["168.63.129.16", /cloud metadata/],
  ["fd00:ec2::254", /cloud metadata/],
  ["fd20:ce::254", /cloud metadata/],
  // The same addresses written as IPv6, which a dual-stack socket reaches over IPv4.
  ["::ffff:169.254.169.254", /^::ffff:169\.254\.169\.254 \(169\.254\.169\.254\) is a link-local/],
  ["::ffff:a9fe:a9fe", /link-local/],
  ["::ffff:0:0", /unspecified/],
  ["::ffff:0.0.0.0", /unspecified/],
  ["::ffff:100.100.100.200", /cloud metadata/],
  ["::ffff:224.0.0.1", /multicast/],
  ["::ffff:0:a9fe:a9fe", /link-local/],
  ["64:ff9b::169.254.169.254", /link-local/],
  ["::169.254.169.254", /link-local/],
];

/** Internal receivers: allowed by default, refused by `public`. */
const INTERNAL: [string, RegExp][] = [
  ["127.0.0.1", /loopback/],
  ["127.255.255.254", /loopback/],
  ["::1", /loopback/],
  ["::ffff:127.0.0.1", /loopback/],
  ["10.0.0.1", /private/],
  ["10.255.255.255", /private/],
  ["172.16.0.1", /private/],
  ["172.31.255.255", /private/],
  ["192.168.1.10", /private/],
  ["::ffff:10.1.2.3", /private/],
  ["::ffff:c0a8:0101", /private/],
  ["64:ff9b::10.0.0.1", /private/],
  ["100.64.0.1", /carrier-grade NAT/],
  ["100.127.255.255", /carrier-grade NAT/],
  ["fc00::1", /unique-local/],
  ["fd12:3456:789a::1", /unique-local/],
  ["fec0::1", /site-local/],
];

const PUBLIC = [
  "93.184.216.34",
  "8.8.8.8",
  "1.1.1.1",
  "172.15.255.255",
  "172.32.0.0",
  "100.63.255.255",
  "100.128.0.0",
  "169.253.255.255",
  "169.255.0.0",
  "11.0.0.1",
  "223.255.255.255",
  "2606:4700:4700::1111",
  "2001:4860:4860::8888",
  "::ffff:8.8.8.8",
  "64:ff9b::8.8.8.8",
];

describe("findAddressRefusal", () => {
  describe.each(["public-and-private", "public"] as const)("with %s", (networks) => {
    it.each(NEVER_ALLOWED)("refuses %s", (address, kind) => {
      const refusal = findAddressRefusal(address, networks);
      expect(refusal).toMatch(kind);
      expect(refusal).toMatch(/webhooks are never sent there$/);
    });

    it.each(PUBLIC)("allows the public address %s", (address) => {
      expect(findAddressRefusal(address, networks)).toBeNull();
    });

    it("refuses what is not an IP address at all", () => {
      expect(findAddressRefusal("hooks.example.com", networks)).toBe(
        "hooks.example.com is not an IP address",
      );
    });
  });

  it.each(INTERNAL)("allows %s by default", (address) => {
    expect(findAddressRefusal(address, "public-and-private")).toBeNull();
  });

  it.each(INTERNAL)("refuses %s when only public networks are allowed", (address, kind) => {
    const refusal = findAddressRefusal(address, "public");
    expect(refusal).toMatch(kind);
    expect(refusal).toMatch(/public addresses only \(LOUPE_WEBHOOK_NETWORKS=public\)$/);
  });

  it("names the address and why", () => {
    expect(findAddressRefusal("169.254.169.254", "public-and-private")).toBe(
      "169.254.169.254 is a link-local address, where cloud metadata services listen; webhooks are never sent there",
    );
    expect(findAddressRefusal("10.0.0.5", "public")).toBe(
      "10.0.0.5 is a private (RFC 1918) address, and this server sends webhooks to public addresses only (LOUPE_WEBHOOK_NETWORKS=public)",
    );
  });
});

describe("findHostRefusal", () => {
  it("refuses a name whose every address is refused, naming each", () => {
    expect(
      findHostRefusal("metadata.internal", ["169.254.169.254", "fd00:ec2::254"], "public"),
    ).toBe(
      "metadata.internal resolves only to refused addresses: 169.254.169.254 is a link-local address, where cloud metadata services listen; webhooks are never sent there; fd00:ec2::254 is a cloud metadata service's address; webhooks are never sent there",
    );
  });

  it("allows a name with one allowed address among refused ones", () => {
    expect(
      findHostRefusal("mixed.example", ["169.254.169.254", "127.0.0.1"], "public-and-private"),
    ).toBeNull();
  });

  it("refuses a name that resolves to nothing", () => {
    expect(findHostRefusal("empty.example", [], "public-and-private")).toBe(
      "empty.example resolves to no address",
    );
  });
});

describe("WebhookNetworks", () => {
  it("defaults to public and private networks", () => {
    expect(WebhookNetworks.parse(undefined)).toBe("public-and-private");
  });

  it("accepts only the two settings", () => {
    expect(WebhookNetworks.parse("public")).toBe("public");
    expect(WebhookNetworks.safeParse("private").success).toBe(false);
    expect(WebhookNetworks.safeParse("all").success).toBe(false);
  });
});
