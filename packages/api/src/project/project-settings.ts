import { Prisma, type Database } from "@loupe/db";
import { NotFoundError, ServiceError } from "../errors.ts";

/** Project settings are changed by its owners and admins only. */
export function requireSettingsManager(role: string, action: string) {
  if (role !== "owner" && role !== "admin") {
    throw new ServiceError("FORBIDDEN", `Only a project's owners and admins can ${action}.`);
  }
}

/**
 * Replaces one key of the project's settings in one statement: the other keys, which other screens
 * save at the same moment or which may no longer parse, are never touched. Settings that are not
 * an object start over as one.
 */
export async function writeProjectSettingsKey(db: Database, projectId: string, key: string, value: unknown) {
  const updated = await db.$executeRaw(Prisma.sql`
    UPDATE "project"
    SET settings = jsonb_set(CASE WHEN jsonb_typeof(settings) = 'object' THEN settings ELSE '{}'::jsonb END,
                             ARRAY[${key}]::text[], ${JSON.stringify(value)}::jsonb)
    WHERE id = ${projectId}::uuid`);
  if (updated === 0) throw new NotFoundError("This project no longer exists.");
}
