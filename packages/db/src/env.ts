import path from "node:path";
import { parseEnvironment } from "@loupe/schema";
import { z } from "zod";

const DatabaseEnv = z.object({
  /** An existing PostgreSQL server; without it Loupe starts its own embedded one. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Where the embedded PostgreSQL keeps its data. */
  LOUPE_DATA_DIR: z.string().min(1).default(".loupe/data"),
  /** The embedded server's port; 0 picks a free one. */
  LOUPE_EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
});
export type DatabaseEnv = z.infer<typeof DatabaseEnv>;

export function readDatabaseEnv(source: NodeJS.ProcessEnv = process.env): DatabaseEnv {
  const env = parseEnvironment(DatabaseEnv, source, "database configuration");
  return { ...env, LOUPE_DATA_DIR: path.resolve(env.LOUPE_DATA_DIR) };
}
