// The whole test suite: typecheck, lint, unit and integration tests (against a real PostgreSQL),
// the browser tests against the built app, and a smoke test of the embedded database mode.
import { spawnSync } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@loupe/db/runtime";
import { createEmptyTestDatabase, testServerUrl } from "@loupe/db/testing";
import { smokeTestEmbeddedMode } from "./smoke-embedded.ts";

function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  console.log(`\n▶ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status})`);
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** The PostgreSQL server tests create databases on: TEST_DATABASE_URL, a local server, or an embedded one. */
async function provideTestServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const url = testServerUrl();
  if (await canConnect(url)) return { url, stop: async () => {} };
  if (process.env.TEST_DATABASE_URL) throw new Error(`TEST_DATABASE_URL (${url}) does not accept connections.`);
  console.log(`No PostgreSQL at ${url}: the tests start an embedded one.`);
  const dataParent = await mkdtemp(path.join(tmpdir(), "loupe-test-server-"));
  // The server may run as the `postgres` user, which must be able to enter the folder.
  await chmod(dataParent, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: path.join(dataParent, "data") });
  return {
    url: server.databaseUrl,
    stop: async () => {
      await server.stop();
      await rm(dataParent, { recursive: true, force: true });
    },
  };
}

async function testAll() {
  const server = await provideTestServer();
  process.env.TEST_DATABASE_URL = server.url;
  try {
    const env = { TEST_DATABASE_URL: server.url };
    run("pnpm", ["turbo", "run", "typecheck", "typecheck:root", "lint", "lint:root", "test", "build", "--concurrency=2"], env);

    const e2eDatabase = await createEmptyTestDatabase();
    try {
      run("pnpm", ["--filter", "@loupe/e2e", "run", "e2e"], { ...env, E2E_DATABASE_URL: e2eDatabase.databaseUrl });
    } finally {
      await e2eDatabase.drop();
    }

    await smokeTestEmbeddedMode();
  } finally {
    await server.stop();
  }
}

testAll().then(
  () => console.log("\nAll Loupe tests passed."),
  (error: unknown) => {
    console.error(`\n${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
