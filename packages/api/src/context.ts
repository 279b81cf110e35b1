import type { Database, SecretBox, UserModel } from "@loupe/db";

/** Who is calling. Sign-in does not exist yet, so the web app passes the local administrator. */
export type SessionUser = Pick<UserModel, "id" | "email" | "name">;

/** `secrets` encrypts what Loupe must read back later: provider keys and webhook secrets. */
export type Context = { db: Database; user: SessionUser | null; secrets: SecretBox };

export function createContext({ db, user, secrets }: Context): Context {
  return { db, user, secrets };
}
