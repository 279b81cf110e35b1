import "server-only";
import { createDatabaseClient, type Database } from "@loupe/db";
import { readServerEnv } from "@/env";

// Kept on globalThis so that dev-mode module reloads reuse the one pool instead of opening more.
const globalForDb = globalThis as typeof globalThis & { loupeDb?: Database };

/** The app's single Prisma client, created on first use. */
export function getDb(): Database {
  globalForDb.loupeDb ??= createDatabaseClient(readServerEnv().DATABASE_URL);
  return globalForDb.loupeDb;
}
