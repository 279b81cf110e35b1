// Starts Loupe as a newcomer would, with no DATABASE_URL, checks that it serves, and stops it.
import { spawn } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const PORT = 3217;

async function waitForHealth(baseUrl: string, deadline: number) {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return (await response.json()) as { database?: string };
    } catch {
      // Not listening yet.
    }
    await sleep(500);
  }
  throw new Error("Loupe did not become healthy within 120 s in embedded mode");
}

function isPortOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function smokeTestEmbeddedMode() {
  console.log("\n▶ smoke test: Loupe on its embedded PostgreSQL");
  const parent = await mkdtemp(path.join(tmpdir(), "loupe-smoke-"));
  await chmod(parent, 0o755);
  const pgPort = 54_000 + Math.floor(Math.random() * 1_000);
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const env = { ...inherited, PORT: String(PORT), LOUPE_DATA_DIR: path.join(parent, "data"), LOUPE_EMBEDDED_PG_PORT: String(pgPort) };
  const loupe = spawn("pnpm", ["--filter", "@loupe/web", "run", "launch"], { env, stdio: "inherit", detached: true });
  const exited = new Promise<number | null>((resolve) => loupe.once("exit", resolve));
  try {
    const baseUrl = `http://127.0.0.1:${PORT}`;
    const health = await waitForHealth(baseUrl, Date.now() + 120_000);
    if (health.database !== "up") throw new Error(`health says the database is ${health.database}`);
    const page = await fetch(`${baseUrl}/`);
    const html = await page.text();
    if (!page.ok || !html.includes("Loupe")) throw new Error(`the home page answered ${page.status}`);
    if (!(await isPortOpen(pgPort))) throw new Error("the embedded PostgreSQL is not listening");
  } finally {
    if (loupe.pid && loupe.exitCode === null) process.kill(-loupe.pid, "SIGTERM");
    await Promise.race([exited, sleep(30_000)]);
  }
  // pnpm may exit before the launcher has finished stopping PostgreSQL: give it a moment.
  const stopDeadline = Date.now() + 20_000;
  while ((await isPortOpen(pgPort)) && Date.now() < stopDeadline) await sleep(250);
  if (await isPortOpen(pgPort)) throw new Error("the embedded PostgreSQL kept running after Loupe stopped");
  await rm(parent, { recursive: true, force: true });
  console.log("smoke test passed: served with the embedded database and stopped it cleanly");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  smokeTestEmbeddedMode().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
