import ipaddr from "ipaddr.js";
import { z } from "zod";

/**
 * Which addresses webhooks may reach. Loupe is self-hosted and receivers on the same network are
 * normal, so the default allows them; `public` is for servers whose project members must not reach
 * anything internal through a channel.
 */
export const WebhookNetworks = z
  .enum(["public-and-private", "public"])
  .default("public-and-private");
export type WebhookNetworks = z.infer<typeof WebhookNetworks>;

/** A delivery or channel refused because of where its URL points; trying again cannot help. */
export class WebhookAddressRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookAddressRefusedError";
  }
}

type AddressKind =
  | "public"
  | "loopback"
  | "private"
  | "carrierGradeNat"
  | "uniqueLocal"
  | "siteLocal"
  | "linkLocal"
  | "cloudMetadata"
  | "unspecified"
  | "multicast"
  | "broadcast";

/** Anything not listed is refused, so a kind added later stays refused until someone decides. */
const ALLOWED_KINDS: Record<WebhookNetworks, ReadonlySet<AddressKind>> = {
  public: new Set(["public"]),
  "public-and-private": new Set([
    "public",
    "loopback",
    "private",
    "carrierGradeNat",
    "uniqueLocal",
    "siteLocal",
  ]),
};

const DESCRIPTIONS: Record<AddressKind, string> = {
  public: "a public address",
  loopback: "a loopback address",
  private: "a private (RFC 1918) address",
  carrierGradeNat: "a carrier-grade NAT address",
  uniqueLocal: "a unique-local address",
  siteLocal: "a site-local address",
  linkLocal: "a link-local address, where cloud metadata services listen",
  cloudMetadata: "a cloud metadata service's address",
  unspecified: "an unspecified address, which reaches this server itself",
  multicast: "a multicast address",
  broadcast: "the broadcast address",
};

type Ranges<Address, Kind> = [kind: Kind, subnets: [Address, number][]][];

// First match wins: a single address comes before the wider range it sits in.
const IPV4_RANGES: Ranges<ipaddr.IPv4, AddressKind> = [
  [
    "cloudMetadata",
    // Alibaba Cloud's metadata service (inside carrier-grade NAT) and Azure's WireServer.
    ["100.100.100.200/32", "168.63.129.16/32"].map((range) => ipaddr.IPv4.parseCIDR(range)),
  ],
  ["unspecified", [ipaddr.IPv4.parseCIDR("0.0.0.0/8")]],
  ["broadcast", [ipaddr.IPv4.parseCIDR("255.255.255.255/32")]],
  ["multicast", [ipaddr.IPv4.parseCIDR("224.0.0.0/4")]],
  ["linkLocal", [ipaddr.IPv4.parseCIDR("169.254.0.0/16")]],
  ["loopback", [ipaddr.IPv4.parseCIDR("127.0.0.0/8")]],
  [
    "private",
    ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((range) => ipaddr.IPv4.parseCIDR(range)),
  ],
  ["carrierGradeNat", [ipaddr.IPv4.parseCIDR("100.64.0.0/10")]],
];

const IPV6_RANGES: Ranges<ipaddr.IPv6, AddressKind | "embedsIPv4"> = [
  ["unspecified", [ipaddr.IPv6.parseCIDR("::/128")]],
  ["loopback", [ipaddr.IPv6.parseCIDR("::1/128")]],
  [
    // IPv4-mapped, IPv4-translated, NAT64 and the deprecated IPv4-compatible forms all reach the
    // IPv4 address in their last 32 bits, so they are judged by it.
    "embedsIPv4",
    ["::ffff:0:0/96", "::ffff:0:0:0/96", "64:ff9b::/96", "::/96"].map((range) =>
      ipaddr.IPv6.parseCIDR(range),
    ),
  ],
  [
    "cloudMetadata",
    // AWS's and Google Cloud's metadata services over IPv6, inside the unique-local range.
    ["fd00:ec2::254/128", "fd20:ce::254/128"].map((range) => ipaddr.IPv6.parseCIDR(range)),
  ],
  ["linkLocal", [ipaddr.IPv6.parseCIDR("fe80::/10")]],
  ["siteLocal", [ipaddr.IPv6.parseCIDR("fec0::/10")]],
  ["uniqueLocal", [ipaddr.IPv6.parseCIDR("fc00::/7")]],
  ["multicast", [ipaddr.IPv6.parseCIDR("ff00::/8")]],
];

/**
 * Why `networks` refuses an IP address as a webhook destination, or null when it may be reached.
 * Link-local, cloud metadata, unspecified, multicast and broadcast addresses are refused whatever
 * the setting; `public` also refuses loopback, private, carrier-grade NAT and unique-local ones.
 */
export function findAddressRefusal(address: string, networks: WebhookNetworks): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  const parsed = ipaddr.parse(address);
  const { kind, reached } = classifyAddress(parsed);
  if (ALLOWED_KINDS[networks].has(kind)) return null;
  const shown = reached === parsed ? address : `${address} (${reached.toString()})`;
  const described = `${shown} is ${DESCRIPTIONS[kind]}`;
  return ALLOWED_KINDS["public-and-private"].has(kind)
    ? `${described}, and this server sends webhooks to public addresses only (LOUPE_WEBHOOK_NETWORKS=public)`
    : `${described}; webhooks are never sent there`;
}

/** Why none of the addresses a host resolves to may be reached, or null when one of them may. */
export function findHostRefusal(
  hostname: string,
  addresses: string[],
  networks: WebhookNetworks,
): string | null {
  const refusals = addresses.map((address) => findAddressRefusal(address, networks));
  if (refusals.some((refusal) => refusal === null)) return null;
  return refusals.length === 0
    ? `${hostname} resolves to no address`
    : `${hostname} resolves only to refused addresses: ${refusals.join("; ")}`;
}

/** The kind of address a connection to `address` reaches, and the address it reaches. */
function classifyAddress(address: ipaddr.IPv4 | ipaddr.IPv6): {
  kind: AddressKind;
  reached: ipaddr.IPv4 | ipaddr.IPv6;
} {
  if (address instanceof ipaddr.IPv4) {
    return { kind: firstMatch(address, IPV4_RANGES), reached: address };
  }
  const kind = firstMatch(address, IPV6_RANGES);
  if (kind !== "embedsIPv4") return { kind, reached: address };
  const ipv4 = new ipaddr.IPv4(address.toByteArray().slice(12));
  return { kind: firstMatch(ipv4, IPV4_RANGES), reached: ipv4 };
}

function firstMatch<Address extends ipaddr.IPv4 | ipaddr.IPv6, Kind>(
  address: Address,
  ranges: Ranges<Address, Kind>,
): Kind | "public" {
  const found = ranges.find(([, subnets]) => subnets.some((subnet) => address.match(subnet)));
  return found ? found[0] : "public";
}
