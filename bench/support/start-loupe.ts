import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { createApiKey, createDatabaseClient, ensureLocalAdmin, ensureProject } from "@loupe/db";
import { createEmptyTestDatabase } from "@loupe/db/testing";

const webRoot = fileURLToPath(new URL("../../apps/web", import.meta.url));

/**
 * Starts the built Loupe (`pnpm build` first) on a fresh database of the local server, with a
 * project and an API key for the benchmark to send to.
 */
export async function startLoupe({ port, env = {} }: { port: number; env?: Record<string, string> }) {
  const database = await createEmptyTestDatabase();
  const server = spawn("pnpm", ["run", "launch"], {
    cwd: webRoot,
    env: { ...process.env, DATABASE_URL: database.databaseUrl, PORT: String(port), LOUPE_DEMO_DATA: "false", LOUPE_RATE_LIMIT_PER_SECOND: "100000", LOUPE_RATE_LIMIT_BURST: "100000", ...env },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error("Loupe did not start; is the web app built (pnpm build)?");
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // Not listening yet.
    }
    await sleep(300);
  }
  const db = createDatabaseClient(database.databaseUrl, { maxConnections: 1 });
  const admin = await ensureLocalAdmin(db);
  const project = await ensureProject(db, { slug: "bench", name: "Bench", ownerId: admin.id });
  const key = await createApiKey(db, { projectId: project.id, name: "bench" });
  await db.$disconnect();

  return {
    baseUrl,
    databaseUrl: database.databaseUrl,
    projectId: project.id,
    secret: key.secret,
    /** Posts one native ingestion batch (a JSON body); anything but a 200 is an error. */
    ingest: async (body: string) => {
      const response = await fetch(`${baseUrl}/api/public/ingestion`, {
        method: "POST",
        headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
        body,
      });
      if (response.status !== 200) throw new Error(`ingestion answered ${response.status}: ${await response.text()}`);
    },
    stop: async () => {
      if (server.pid) {
        process.kill(-server.pid, "SIGTERM");
        await waitForGroupToExit(server.pid);
      }
      await database.drop();
    },
  };
}

/** pnpm exits before the launcher, the server and the detection worker it started: wait for all. */
async function waitForGroupToExit(groupId: number) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      process.kill(-groupId, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) {
      process.kill(-groupId, "SIGKILL");
      return;
    }
    await sleep(100);
  }
}

export type RunningLoupe = Awaited<ReturnType<typeof startLoupe>>;
