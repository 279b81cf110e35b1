import { isIP } from "node:net";
import {
  resolveHostWithSystemDns,
  type ResolveHost,
  type ResolvedAddress,
} from "./resolve-host.ts";
import { findAddressRefusal, findHostRefusal, type WebhookNetworks } from "./webhook-networks.ts";

/**
 * Why a channel may not point at `url`, or null when it may: the URL's host is an address that
 * `networks` refuses, or a name that resolves only to such addresses. This tells whoever saves the
 * channel at once; every delivery checks again as it connects (see `createGuardedFetch`), because
 * what a name resolves to can change.
 */
export async function findWebhookUrlRefusal({
  url,
  networks,
  resolveHost = resolveHostWithSystemDns,
}: {
  url: string;
  networks: WebhookNetworks;
  resolveHost?: ResolveHost;
}): Promise<string | null> {
  // The URL parser has already turned decimal, hex and short IPv4 forms into dotted quads.
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(host)) return findAddressRefusal(host, networks);
  let resolved: ResolvedAddress[];
  try {
    resolved = await resolveHost(host);
  } catch {
    // A name that does not resolve yet may be a receiver still being set up; deliveries check it.
    return null;
  }
  return findHostRefusal(
    host,
    resolved.map(({ address }) => address),
    networks,
  );
}
