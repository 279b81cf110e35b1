import { startEmbeddedPostgres } from "./embedded/start-embedded-postgres.ts";
import { readDatabaseEnv, type DatabaseEnv } from "./env.ts";
import { runMigrations, type MigrationReport } from "./migrate/run-migrations.ts";

export type OpenedDatabase = {
  databaseUrl: string;
  mode: "external" | "embedded";
  migrations: MigrationReport;
  /** Stops the embedded server, if Loupe started one. */
  close: () => Promise<void>;
};

/**
 * Gives Loupe a migrated database: the server named by DATABASE_URL, or else an embedded
 * PostgreSQL under LOUPE_DATA_DIR. Everything after this point is the same in both modes.
 */
export async function openDatabase(
  options: { env?: DatabaseEnv; log?: (line: string) => void } = {},
): Promise<OpenedDatabase> {
  const env = options.env ?? readDatabaseEnv();
  if (env.DATABASE_URL) {
    const migrations = await runMigrations(env.DATABASE_URL);
    return { databaseUrl: env.DATABASE_URL, mode: "external", migrations, close: async () => {} };
  }
  const server = await startEmbeddedPostgres({
    dataDir: env.LOUPE_DATA_DIR,
    port: env.LOUPE_EMBEDDED_PG_PORT,
    ...(options.log ? { log: options.log } : {}),
  });
  try {
    const migrations = await runMigrations(server.databaseUrl);
    return { databaseUrl: server.databaseUrl, mode: "embedded", migrations, close: server.stop };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
