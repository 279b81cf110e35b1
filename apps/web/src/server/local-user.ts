import "server-only";
import { ensureLocalAdmin } from "@loupe/db";
import type { SessionUser } from "@loupe/api";
import { getDb } from "./db";

let localUser: Promise<SessionUser> | undefined;

/** Until sign-in exists every request acts as the local administrator, looked up once. */
export function getLocalUser(): Promise<SessionUser> {
  localUser ??= ensureLocalAdmin(getDb()).then(
    ({ id, email, name }) => ({ id, email, name }),
    (error: unknown) => {
      // Forget the failure so the next request retries once the database is back.
      localUser = undefined;
      throw error;
    },
  );
  return localUser;
}
