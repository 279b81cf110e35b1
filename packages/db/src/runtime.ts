// Starting a database: migrations and the embedded server. Kept apart from the client and
// queries so that the web app's bundle never includes them.
export { openDatabase, type OpenedDatabase } from "./open-database.ts";
export { runMigrations, MigrationError, type MigrationReport } from "./migrate/run-migrations.ts";
export { startEmbeddedPostgres, type EmbeddedPostgresServer } from "./embedded/start-embedded-postgres.ts";
export { readDatabaseEnv, type DatabaseEnv } from "./env.ts";
