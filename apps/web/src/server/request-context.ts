import "server-only";
import { createContext, type Context } from "@loupe/api";
import { readServerEnv } from "@/env";
import { getDb, getSecrets } from "./db";
import { getLocalUser } from "./local-user";

/** The tRPC context of one request, for the HTTP handler and for server components alike. */
export async function createRequestContext(): Promise<Context> {
  return createContext({
    db: getDb(),
    user: await getLocalUser(),
    secrets: getSecrets(),
    webhookNetworks: readServerEnv().LOUPE_WEBHOOK_NETWORKS,
  });
}
