import { lookup } from "node:dns/promises";

export type ResolvedAddress = { address: string; family: number };

/** Every address a host name resolves to; injectable so tests can play a rebinding DNS server. */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

/** The system resolver, as Node itself uses it to connect: /etc/hosts, search domains and all. */
export const resolveHostWithSystemDns: ResolveHost = (hostname) => lookup(hostname, { all: true });
