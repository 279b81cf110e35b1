import { WebhookNetworks } from "@loupe/alerts";
import type { Database, SecretBox, UserModel } from "@loupe/db";

/** Who is calling. Sign-in does not exist yet, so the web app passes the local administrator. */
export type SessionUser = Pick<UserModel, "id" | "email" | "name">;

/**
 * `secrets` encrypts what Loupe must read back later: provider keys and webhook secrets.
 * `webhookNetworks` is the server's setting for which addresses channels may point at.
 */
export type Context = {
  db: Database;
  user: SessionUser | null;
  secrets: SecretBox;
  webhookNetworks: WebhookNetworks;
};

/** Left out, `webhookNetworks` takes the setting's default. */
export function createContext({
  db,
  user,
  secrets,
  webhookNetworks,
}: Omit<Context, "webhookNetworks"> & { webhookNetworks?: WebhookNetworks }): Context {
  return { db, user, secrets, webhookNetworks: WebhookNetworks.parse(webhookNetworks) };
}
