// Starts Loupe: a migrated database (embedded unless DATABASE_URL is set), the demo project, the
// detection worker, then the Next.js server, and stops them together.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { createDatabaseClient, createSqlPool } from "@loupe/db";
import { openDatabase } from "@loupe/db/runtime";
import { setUpDemoProject } from "./demo-data.ts";
import { readLaunchEnv } from "./launch-env.ts";

const webRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const isDev = process.argv.includes("--dev");
const DETECTION_START_TIMEOUT_MS = 60_000;

async function launch() {
  const env = readLaunchEnv();
  const database = await openDatabase();
  console.log(
    database.mode === "embedded"
      ? "Loupe: started the embedded PostgreSQL (set DATABASE_URL to use your own server)."
      : "Loupe: using the PostgreSQL server from DATABASE_URL.",
  );
  if (database.migrations.applied.length > 0) {
    console.log(`Loupe: applied migrations ${database.migrations.applied.join(", ")}.`);
  }

  if (env.LOUPE_DEMO_DATA === "true") {
    const db = createDatabaseClient(database.databaseUrl, { maxConnections: 2 });
    const pool = createSqlPool(database.databaseUrl, { maxConnections: 2 });
    try {
      const demo = await setUpDemoProject({ db, pool }, { now: new Date() });
      if (demo.loadedRuns > 0) console.log(`Loupe: loaded ${demo.loadedRuns} demo runs.`);
      if (demo.issuedKey) {
        console.log("Loupe: created an API key for the demo project. The secret is shown only this once:");
        console.log(`  public key: ${demo.issuedKey.publicKey}`);
        console.log(`  secret:     ${demo.issuedKey.secret}`);
      }
    } finally {
      await db.$disconnect();
      await pool.end();
    }
  }

  const detection = env.LOUPE_DETECTION === "on" ? superviseDetectionWorker(database.databaseUrl) : null;
  if (detection) {
    const listening = await Promise.race([detection.ready.then(() => true), sleep(DETECTION_START_TIMEOUT_MS).then(() => false)]);
    if (!listening) console.error("Loupe: the detection worker is not listening yet; serving without waiting for it.");
  }

  const nextBin = createRequire(path.join(webRoot, "package.json")).resolve("next/dist/bin/next");
  const server = spawn(
    process.execPath,
    [nextBin, isDev ? "dev" : "start", "--port", String(env.PORT), "--hostname", env.HOSTNAME],
    { cwd: webRoot, stdio: "inherit", env: { ...process.env, DATABASE_URL: database.databaseUrl } },
  );
  console.log(`Loupe: serving on http://localhost:${env.PORT}`);

  let stopping = false;
  const stop = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    if (server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
    }
    // After the server: runs it accepted up to its last moment still reach the worker.
    await detection?.stop();
    await database.close();
    process.exit(exitCode);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  server.on("exit", (code) => void stop(code ?? 1));
}

const RESTART_DELAY_MS = { first: 1_000, most: 30_000 };

/**
 * Runs the detection worker beside the server, starting it again should it die, each time a little
 * later while it keeps failing. A restarted worker catches up with the runs stored since the first
 * of those deaths, which only a worker that did catch up forgets.
 */
function superviseDetectionWorker(databaseUrl: string) {
  const script = path.join(webRoot, "scripts", "detection-worker.ts");
  let stopped = false;
  let worker: ChildProcess;
  let restart: NodeJS.Timeout | null = null;
  let restartDelay = RESTART_DELAY_MS.first;
  let unheardSince: Date | null = null;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const start = () => {
    // The same Node.js and TypeScript loader as this launcher; the IPC channel says when it has
    // caught up and listens.
    worker = spawn(process.execPath, [...process.execArgv, script], {
      cwd: webRoot,
      stdio: ["inherit", "inherit", "inherit", "ipc"],
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        ...(unheardSince ? { LOUPE_DETECTION_CATCH_UP_FROM: unheardSince.toISOString() } : {}),
      },
    });
    worker.once("message", () => {
      unheardSince = null;
      restartDelay = RESTART_DELAY_MS.first;
      markReady();
    });
    worker.on("exit", (code, signal) => {
      if (stopped) return;
      unheardSince ??= new Date();
      console.error(`Loupe: the detection worker stopped (${signal ?? `exit code ${code}`}); starting it again.`);
      restart = setTimeout(() => {
        restart = null;
        if (!stopped) start();
      }, restartDelay);
      restartDelay = Math.min(restartDelay * 2, RESTART_DELAY_MS.most);
    });
  };
  start();
  return {
    /** Resolves once the first worker listens: the server starts after it, so no run goes unheard. */
    ready,
    stop: async () => {
      stopped = true;
      if (restart) clearTimeout(restart);
      if (worker.exitCode !== null || worker.signalCode !== null) return;
      worker.kill("SIGTERM");
      await new Promise((resolve) => worker.once("exit", resolve));
    },
  };
}

launch().catch((error: unknown) => {
  console.error("Loupe could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
