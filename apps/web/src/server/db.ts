import "server-only";
import { SecretBox, createDatabaseClient, loadSecretKey, type Database } from "@loupe/db";
import { readServerEnv } from "@/env";

// Kept on globalThis so that dev-mode module reloads reuse the one pool instead of opening more.
const globalForDb = globalThis as typeof globalThis & { loupeDb?: Database; loupeSecrets?: SecretBox };

/** The app's single Prisma client, created on first use. */
export function getDb(): Database {
  globalForDb.loupeDb ??= createDatabaseClient(readServerEnv().DATABASE_URL);
  return globalForDb.loupeDb;
}

/** Encrypts provider keys and webhook secrets with LOUPE_SECRET_KEY, or the data folder's own key. */
export function getSecrets(): SecretBox {
  const env = readServerEnv();
  globalForDb.loupeSecrets ??= new SecretBox(loadSecretKey({ secretKey: env.LOUPE_SECRET_KEY, dataDir: env.LOUPE_DATA_DIR }));
  return globalForDb.loupeSecrets;
}
