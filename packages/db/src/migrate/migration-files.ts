import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const thisFolder = path.dirname(fileURLToPath(import.meta.url));
export const MIGRATIONS_DIR = path.resolve(thisFolder, "../../../../prisma/migrations");

export type MigrationFile = {
  /** The folder name, e.g. `20261121000000_init`: its timestamp prefix orders migrations. */
  name: string;
  sql: string;
  /** SHA-256 of the SQL, hex, as `prisma migrate` records it. */
  checksum: string;
};

export async function readMigrationFiles(directory: string = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const folders = entries
    .filter((entry) => entry.isDirectory() && /^\d{14}_[a-z0-9_]+$/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    folders.map(async (name) => {
      const sql = await readFile(path.join(directory, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}
