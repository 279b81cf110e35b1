import type { Database } from "@loupe/db";
import { PriceOverride } from "@loupe/pricing";
import { z } from "zod";
import { NotFoundError } from "../errors.ts";
import { requireSettingsManager, writeProjectSettingsKey } from "../project/project-settings.ts";

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
  requireSettingsManager(role, "change its prices");
  await writeProjectSettingsKey(db, projectId, "priceOverrides", overrides);
  return overrides;
}
