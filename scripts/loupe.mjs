// The README's two commands land here, before dependencies exist: only Node and npm are assumed.
// `start` installs, builds and launches Loupe; `test` installs and runs the whole test suite.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const { packageManager } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  TURBO_TELEMETRY_DISABLED: "1",
  // Browser tests use the system's Chromium; nothing downloads a browser.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
  // The launcher runs inside apps/web; the data folder belongs where the user started Loupe.
  LOUPE_DATA_DIR: path.resolve(
    process.env.INIT_CWD ?? process.cwd(),
    process.env.LOUPE_DATA_DIR || path.join(root, ".loupe", "data"),
  ),
};

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env, shell: process.platform === "win32" });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** pnpm as pinned in package.json: the installed one when it matches, else fetched by npx from the registry. */
function pnpmCommand() {
  const wanted = packageManager.replace(/^pnpm@/, "");
  const installed = spawnSync("pnpm", ["--version"], { encoding: "utf8", shell: process.platform === "win32" });
  if (installed.status === 0 && installed.stdout.trim() === wanted) return ["pnpm", []];
  return ["npx", ["--yes", `pnpm@${wanted}`]];
}

const [pnpm, pnpmArgs] = pnpmCommand();
const pnpmRun = (...args) => run(pnpm, [...pnpmArgs, ...args]);
const task = process.argv[2];

pnpmRun("install", "--frozen-lockfile");
// The Prisma client is generated code, not committed: everything after this point imports it.
pnpmRun("--filter", "@loupe/db", "run", "db:generate");
if (task === "start") {
  pnpmRun("turbo", "run", "build", "--filter=@loupe/web");
  pnpmRun("--filter", "@loupe/web", "run", "launch");
} else if (task === "test") {
  pnpmRun("exec", "tsx", "scripts/test-all.ts");
} else {
  console.error("usage: node scripts/loupe.mjs start|test");
  process.exit(2);
}
