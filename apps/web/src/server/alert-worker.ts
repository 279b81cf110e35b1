import "server-only";
import { AlertWorker } from "@loupe/oncall";
import { readServerEnv } from "@/env";
import { getDb, getSecrets } from "@/server/db";

const globalForWorker = globalThis as typeof globalThis & { loupeAlertWorker?: AlertWorker };

/** Starts webhook delivery and periodic alert checks once per server process. */
export function startAlertWorker(): AlertWorker {
  const env = readServerEnv();
  globalForWorker.loupeAlertWorker ??= new AlertWorker(getDb(), {
    secrets: getSecrets(),
    publicUrl: env.LOUPE_PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    networks: env.LOUPE_WEBHOOK_NETWORKS,
  }).start();
  return globalForWorker.loupeAlertWorker;
}
