import pg from "pg";

export type SqlPool = pg.Pool;

/** Plain node-postgres, for write paths that need set-based SQL more than an ORM. */
export function createSqlPool(databaseUrl: string, options: { maxConnections?: number } = {}): SqlPool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.maxConnections ?? 10 });
  // An idle connection the server closes (a restart, a dropped test database) is reported here;
  // without a listener node-postgres would crash the process. The pool opens a new one when needed.
  pool.on("error", (error) => console.warn(`Loupe: an idle database connection was closed: ${error.message}`));
  return pool;
}
