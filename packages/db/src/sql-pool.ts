import pg from "pg";

export type SqlPool = pg.Pool;

/** Plain node-postgres, for write paths that need set-based SQL more than an ORM. */
export function createSqlPool(databaseUrl: string, options: { maxConnections?: number } = {}): SqlPool {
  return new pg.Pool({ connectionString: databaseUrl, max: options.maxConnections ?? 10 });
}
