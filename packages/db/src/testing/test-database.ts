import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDatabaseClient, type Database } from "../client.ts";
import { createSqlPool, type SqlPool } from "../sql-pool.ts";
import { runMigrations } from "../migrate/run-migrations.ts";

export type TestDatabase = { databaseUrl: string; db: Database; pool: SqlPool; drop: () => Promise<void> };

/** The server tests create their databases on; CI and the README point it at the local PostgreSQL. */
export function testServerUrl(): string {
  return process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
}

/** Creates an empty database, uniquely named, on the test server. */
export async function createEmptyTestDatabase(): Promise<{ databaseUrl: string; drop: () => Promise<void> }> {
  const serverUrl = new URL(testServerUrl());
  const name = `loupe_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/${name}`;
  return {
    databaseUrl: databaseUrl.toString(),
    drop: () => withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}

/** Creates a database migrated with the real migrations, with a Prisma client and a SQL pool for it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { databaseUrl, drop } = await createEmptyTestDatabase();
  await runMigrations(databaseUrl);
  const db = createDatabaseClient(databaseUrl, { maxConnections: 4 });
  const pool = createSqlPool(databaseUrl, { maxConnections: 4 });
  return {
    databaseUrl,
    db,
    pool,
    drop: async () => {
      await db.$disconnect();
      await pool.end();
      await drop();
    },
  };
}

async function withAdminClient(serverUrl: URL, action: (client: pg.Client) => Promise<unknown>) {
  const client = new pg.Client({ connectionString: serverUrl.toString() });
  await client.connect();
  try {
    await action(client);
  } finally {
    await client.end();
  }
}
