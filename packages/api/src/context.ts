import type { Database, UserModel } from "@loupe/db";

/** Who is calling. Sign-in does not exist yet, so the web app passes the local administrator. */
export type SessionUser = Pick<UserModel, "id" | "email" | "name">;

export type Context = { db: Database; user: SessionUser | null };

export function createContext({ db, user }: { db: Database; user: SessionUser | null }): Context {
  return { db, user };
}
