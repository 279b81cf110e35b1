// Runs `prisma generate` offline. The CLI checks for its native migration engine at start-up and
// downloads it when missing, although generating the client never uses it; these machines cannot
// download it, so when no engine is configured we point the check at an existing file.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
const result = spawnSync("prisma", ["generate"], { stdio: "inherit", env, shell: process.platform === "win32" });
process.exit(result.status ?? 1);
