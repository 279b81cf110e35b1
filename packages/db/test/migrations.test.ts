import { mkdtemp, mkdir, writeFile, cp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, readMigrationFiles } from "../src/migrate/migration-files.ts";
import { MigrationError, runMigrations } from "../src/runtime.ts";
import { createEmptyTestDatabase } from "../src/testing/index.ts";

const databases: { drop: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(databases.splice(0).map((database) => database.drop()));
});

async function emptyDatabase() {
  const database = await createEmptyTestDatabase();
  databases.push(database);
  return database;
}

async function query<T extends pg.QueryResultRow>(databaseUrl: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function copyOfMigrations() {
  const directory = await mkdtemp(path.join(tmpdir(), "loupe-migrations-"));
  await cp(MIGRATIONS_DIR, directory, { recursive: true });
  return directory;
}

describe("runMigrations", () => {
  it("applies every migration once and records it as prisma migrate does", async () => {
    const { databaseUrl } = await emptyDatabase();
    const first = await runMigrations(databaseUrl);
    expect(first.applied).toContain("20261121000000_init");
    expect(first.alreadyApplied).toEqual([]);

    const second = await runMigrations(databaseUrl);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(first.applied);

    const recorded = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      databaseUrl,
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(recorded.map((row) => row.migration_name)).toEqual(first.applied);
    expect(recorded.every((row) => row.finished_at !== null && /^[0-9a-f]{64}$/.test(row.checksum))).toBe(true);
  });

  it("applies only the new migration when one is added later", async () => {
    const { databaseUrl } = await emptyDatabase();
    const directory = await copyOfMigrations();
    await runMigrations(databaseUrl, { directory });
    await mkdir(path.join(directory, "29990101000000_add_note"));
    await writeFile(path.join(directory, "29990101000000_add_note", "migration.sql"), `ALTER TABLE "project" ADD COLUMN "note" TEXT;`);

    const report = await runMigrations(databaseUrl, { directory });
    expect(report.applied).toEqual(["29990101000000_add_note"]);
    const columns = await query(databaseUrl, `SELECT 1 FROM information_schema.columns WHERE table_name = 'project' AND column_name = 'note'`);
    expect(columns).toHaveLength(1);
  });

  it("rolls back a failing migration whole and leaves what was applied before intact", async () => {
    const { databaseUrl } = await emptyDatabase();
    const directory = await copyOfMigrations();
    await runMigrations(databaseUrl, { directory });
    await mkdir(path.join(directory, "29990101000000_broken"));
    await writeFile(
      path.join(directory, "29990101000000_broken", "migration.sql"),
      `CREATE TABLE "half_done" (id int); ALTER TABLE "no_such_table" ADD COLUMN x int;`,
    );

    await expect(runMigrations(databaseUrl, { directory })).rejects.toThrow(/29990101000000_broken failed.*no_such_table/);
    const halfDone = await query(databaseUrl, `SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`);
    expect(halfDone).toHaveLength(0);
    const projects = await query(databaseUrl, `SELECT count(*) FROM "project"`);
    expect(projects).toHaveLength(1);
  });

  it("refuses to run when an applied migration was edited", async () => {
    const { databaseUrl } = await emptyDatabase();
    const directory = await copyOfMigrations();
    await runMigrations(databaseUrl, { directory });
    await writeFile(path.join(directory, "20261121000000_init", "migration.sql"), "-- edited\n");

    const attempt = runMigrations(databaseUrl, { directory });
    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(runMigrations(databaseUrl, { directory })).rejects.toThrow(/was edited after it was applied/);
  });

  it("lets concurrent starts migrate the same database safely", async () => {
    const { databaseUrl } = await emptyDatabase();
    const migrationCount = (await readMigrationFiles()).length;
    const reports = await Promise.all([runMigrations(databaseUrl), runMigrations(databaseUrl), runMigrations(databaseUrl)]);
    expect(reports.map((report) => report.applied.length).sort()).toEqual([0, 0, migrationCount]);
  });
});
