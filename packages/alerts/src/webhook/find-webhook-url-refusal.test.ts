import { describe, expect, it } from "vitest";
import { findWebhookUrlRefusal } from "./find-webhook-url-refusal.ts";
import type { ResolveHost } from "./resolve-host.ts";

/** A DNS server that knows only the names it is given. */
function resolverFor(records: Record<string, string[]>): ResolveHost {
  return (hostname) => {
    const addresses = records[hostname];
    if (!addresses) return Promise.reject(new Error(`getaddrinfo ENOTFOUND ${hostname}`));
    return Promise.resolve(
      addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
    );
  };
}

const noDns: ResolveHost = (hostname) =>
  Promise.reject(new Error(`a literal address was looked up: ${hostname}`));

describe("findWebhookUrlRefusal", () => {
  it.each([
    ["http://169.254.169.254/latest/meta-data/", "169.254.169.254"],
    ["https://169.254.169.254:8443/", "169.254.169.254"],
    // Other spellings the URL parser turns into 169.254.169.254.
    ["http://2852039166/", "169.254.169.254"],
    ["http://0xa9fea9fe/", "169.254.169.254"],
    ["http://0xa9.0xfe.0xa9.0xfe/", "169.254.169.254"],
    ["http://0251.0376.0251.0376/", "169.254.169.254"],
    ["http://169.254.43518/", "169.254.169.254"],
    ["http://[::ffff:169.254.169.254]/", "::ffff:a9fe:a9fe (169.254.169.254)"],
    ["http://[::ffff:a9fe:a9fe]/", "::ffff:a9fe:a9fe (169.254.169.254)"],
  ])("refuses %s without asking DNS", async (url, shown) => {
    await expect(
      findWebhookUrlRefusal({ url, networks: "public-and-private", resolveHost: noDns }),
    ).resolves.toBe(
      `${shown} is a link-local address, where cloud metadata services listen; webhooks are never sent there`,
    );
  });

  it.each([
    ["http://0/", /^0\.0\.0\.0 is an unspecified address/],
    ["http://[fe80::1]/", /^fe80::1 is a link-local address/],
    ["http://[fd00:ec2::254]/", /^fd00:ec2::254 is a cloud metadata/],
  ])("refuses %s whatever the setting", async (url, reason) => {
    await expect(
      findWebhookUrlRefusal({ url, networks: "public-and-private", resolveHost: noDns }),
    ).resolves.toMatch(reason);
  });

  it.each([
    ["http://127.0.0.1:4318/hook"],
    ["http://127.1/"],
    ["http://0x7f000001/"],
    ["http://[::1]:8080/"],
    ["http://10.1.2.3/"],
    ["https://192.168.0.20/"],
  ])("allows the internal receiver %s by default, and refuses it with public", async (url) => {
    await expect(
      findWebhookUrlRefusal({ url, networks: "public-and-private", resolveHost: noDns }),
    ).resolves.toBeNull();
    await expect(
      findWebhookUrlRefusal({ url, networks: "public", resolveHost: noDns }),
    ).resolves.toMatch(/public addresses only/);
  });

  const dns = resolverFor({
    "hooks.example.com": ["93.184.216.34"],
    "metadata.google.internal": ["169.254.169.254"],
    "receiver.internal": ["10.0.0.7", "fd12::7"],
    "half.example.com": ["169.254.169.254", "93.184.216.34"],
  });

  it("refuses a name that resolves only to refused addresses", async () => {
    await expect(
      findWebhookUrlRefusal({
        url: "http://metadata.google.internal/computeMetadata/v1/",
        networks: "public-and-private",
        resolveHost: dns,
      }),
    ).resolves.toBe(
      "metadata.google.internal resolves only to refused addresses: 169.254.169.254 is a link-local address, where cloud metadata services listen; webhooks are never sent there",
    );
  });

  it("allows a name with an allowed address; deliveries then connect only to that one", async () => {
    await expect(
      findWebhookUrlRefusal({
        url: "https://half.example.com/",
        networks: "public",
        resolveHost: dns,
      }),
    ).resolves.toBeNull();
  });

  it("judges an internal name by the setting", async () => {
    const url = "https://receiver.internal/loupe";
    await expect(
      findWebhookUrlRefusal({ url, networks: "public-and-private", resolveHost: dns }),
    ).resolves.toBeNull();
    await expect(
      findWebhookUrlRefusal({ url, networks: "public", resolveHost: dns }),
    ).resolves.toMatch(
      /^receiver\.internal resolves only to refused addresses: 10\.0\.0\.7 is a private/,
    );
  });

  it("allows a public name, and a name that does not resolve yet", async () => {
    for (const url of ["https://hooks.example.com/loupe", "https://not-yet.example.com/"]) {
      await expect(
        findWebhookUrlRefusal({ url, networks: "public", resolveHost: dns }),
      ).resolves.toBeNull();
    }
  });
});
