import type { Database } from "@loupe/db";
import { PriceOverride } from "@loupe/pricing";
import { z } from "zod";
import { NotFoundError, ServiceError } from "../errors.ts";

const StoredSettings = z.looseObject({ priceOverrides: z.array(PriceOverride).default([]) });

async function readSettings(db: Database, projectId: string) {
  const project = await db.project.findUnique({ where: { id: projectId }, select: { settings: true } });
  if (!project) throw new NotFoundError("This project no longer exists.");
  const parsed = StoredSettings.safeParse(project.settings);
  // A stored value that no longer parses is shown as empty, not as an error page; saving replaces it.
  return parsed.success ? parsed.data : { priceOverrides: [] };
}

export async function listPriceOverrides({ db, projectId }: { db: Database; projectId: string }) {
  return (await readSettings(db, projectId)).priceOverrides;
}

/** Replaces the project's overrides; ingestion picks them up within its 30-second cache. */
export async function savePriceOverrides({
  db,
  projectId,
  role,
  overrides,
}: {
  db: Database;
  projectId: string;
  role: string;
  overrides: PriceOverride[];
}) {
  if (role !== "owner" && role !== "admin") {
    throw new ServiceError("FORBIDDEN", "Only a project's owners and admins can change its prices.");
  }
  // Only this key is replaced, in one statement: other settings (detection, …) are never touched,
  // even when they fail to parse or are saved at the same moment.
  const updated = await db.$executeRaw`
    UPDATE "project" SET settings = settings || jsonb_build_object('priceOverrides', ${JSON.stringify(overrides)}::jsonb)
    WHERE id = ${projectId}::uuid`;
  if (updated === 0) throw new NotFoundError("This project no longer exists.");
  return overrides;
}
