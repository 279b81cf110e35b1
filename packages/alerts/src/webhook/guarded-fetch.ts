import type { LookupFunction } from "node:net";
import { isIP } from "node:net";
import { Agent, buildConnector, fetch as undiciFetch } from "undici";
import { resolveHostWithSystemDns, type ResolveHost } from "./resolve-host.ts";
import {
  findAddressRefusal,
  findHostRefusal,
  WebhookAddressRefusedError,
  type WebhookNetworks,
} from "./webhook-networks.ts";

export type GuardedFetch = {
  fetch: typeof globalThis.fetch;
  /** Closes the connections it keeps open. */
  close: () => Promise<void>;
};

/**
 * A fetch that only connects to addresses `networks` allows. The check happens inside the
 * connection: the host is resolved once, every address is checked, and the socket connects to one
 * of the checked addresses, so a DNS answer that changes between a check and the connection (DNS
 * rebinding) cannot smuggle in another one. A refused connection fails with a
 * `WebhookAddressRefusedError` as the fetch error's cause.
 */
export function createGuardedFetch({
  networks,
  resolveHost = resolveHostWithSystemDns,
}: {
  networks: WebhookNetworks;
  resolveHost?: ResolveHost;
}): GuardedFetch {
  const connectChecked = buildConnector({ lookup: lookupAllowed(networks, resolveHost) });
  const dispatcher = new Agent({
    connect(options, callback) {
      // Node connects to a literal address without calling `lookup`, so literals are checked here.
      const refusal = isIP(options.hostname)
        ? findAddressRefusal(options.hostname, networks)
        : null;
      if (refusal) {
        callback(new WebhookAddressRefusedError(refusal), null);
        return;
      }
      connectChecked(options, callback);
    },
  });
  return {
    // undici's own fetch, the one this dispatcher is built for. Its types differ from the global
    // fetch's (DOM or Node's) only in details a webhook request never uses.
    fetch: async (input, init) => {
      const response: unknown = await undiciFetch(input as Parameters<typeof undiciFetch>[0], {
        ...(init as Parameters<typeof undiciFetch>[1]),
        dispatcher,
      });
      return response as Response;
    },
    close: () => dispatcher.close(),
  };
}

/** `net.connect`'s lookup: resolves the host once and answers with its allowed addresses only. */
function lookupAllowed(networks: WebhookNetworks, resolveHost: ResolveHost): LookupFunction {
  return (hostname, options, callback) => {
    resolveHost(hostname).then(
      (resolved) => {
        const allowed = resolved.filter(({ address }) => findAddressRefusal(address, networks) === null);
        const [first] = allowed;
        if (!first) {
          // No address is allowed, so this names why each one is refused.
          const refusal = findHostRefusal(hostname, resolved.map(({ address }) => address), networks)!;
          callback(new WebhookAddressRefusedError(refusal), "", 0);
          return;
        }
        if (options.all) callback(null, allowed);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}
