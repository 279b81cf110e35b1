import { randomUUID } from "node:crypto";
import pg from "pg";
import { MIGRATIONS_DIR, readMigrationFiles } from "./migration-files.ts";

// Prisma's own bookkeeping table: recording here keeps `prisma migrate deploy` and Loupe in agreement.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any constant works; it only has to be the same for every Loupe process migrating this database.
const MIGRATION_LOCK_ID = 7_140_221;

export type MigrationReport = { applied: string[]; alreadyApplied: string[] };

export class MigrationError extends Error {
  override name = "MigrationError";
}

/**
 * Applies the SQL migrations under prisma/migrations that the database has not seen, in order,
 * each in its own transaction, under an advisory lock so concurrent starts do not race.
 */
export async function runMigrations(
  databaseUrl: string,
  options: { directory?: string } = {},
): Promise<MigrationReport> {
  const migrations = await readMigrationFiles(options.directory ?? MIGRATIONS_DIR);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations"
       WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const recorded = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    const report: MigrationReport = { applied: [], alreadyApplied: [] };

    for (const migration of migrations) {
      const recordedChecksum = recorded.get(migration.name);
      if (recordedChecksum !== undefined) {
        if (recordedChecksum !== migration.checksum) {
          throw new MigrationError(
            `Migration ${migration.name} was edited after it was applied (checksum ${recordedChecksum} in the database, ${migration.checksum} on disk). Add a new migration instead of editing an applied one.`,
          );
        }
        report.alreadyApplied.push(migration.name);
        continue;
      }
      await applyMigration(client, migration.name, migration.sql, migration.checksum);
      report.applied.push(migration.name);
    }
    return report;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]).catch(() => undefined);
    await client.end();
  }
}

async function applyMigration(client: pg.Client, name: string, sql: string, checksum: string) {
  try {
    await client.query("BEGIN");
    await client.query(sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [randomUUID(), checksum, name],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw new MigrationError(`Migration ${name} failed: ${(error as Error).message}`, { cause: error });
  }
}
