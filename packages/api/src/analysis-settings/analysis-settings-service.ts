import { isDeepStrictEqual } from "node:util";
import { Prisma, type Database } from "@loupe/db";
import { AnalysisSettings, findReanalysis, readProjectAnalysisSettings, startReanalysis } from "@loupe/findings";
import { ServiceError } from "../errors.ts";

function requireManager(role: string, action: string) {
  if (role !== "owner" && role !== "admin") {
    throw new ServiceError("FORBIDDEN", `Only a project's owners and admins can ${action}.`);
  }
}

export async function getAnalysisSettings({ db, projectId }: { db: Database; projectId: string }) {
  return readProjectAnalysisSettings(db, projectId);
}

/**
 * Stores the fields that differ from the defaults under `settings.analysis`, so a field left at its
 * default follows later changes to the default. One SQL statement replaces only that key: price
 * overrides and other parts of the project's settings are saved by other screens at the same time.
 * Runs analysed from now on use the new settings; earlier runs change when re-analysed.
 */
export async function saveAnalysisSettings({
  db,
  projectId,
  role,
  settings,
}: {
  db: Database;
  projectId: string;
  role: string;
  settings: AnalysisSettings;
}) {
  requireManager(role, "change detection settings");
  const defaults = AnalysisSettings.parse({});
  // A JSON round trip drops keys set to undefined (an unset budget), as storing them would.
  const plain = JSON.parse(JSON.stringify(settings)) as Record<string, unknown>;
  const changed = Object.fromEntries(
    Object.entries(plain).filter(([field, value]) => !isDeepStrictEqual(value, defaults[field as keyof AnalysisSettings])),
  );
  await db.$executeRaw(Prisma.sql`
    UPDATE "project"
    SET settings = jsonb_set(CASE WHEN jsonb_typeof(settings) = 'object' THEN settings ELSE '{}'::jsonb END,
                             '{analysis}', ${JSON.stringify(changed)}::jsonb)
    WHERE id = ${projectId}::uuid`);
  return readProjectAnalysisSettings(db, projectId);
}

/** Starts re-analysing every run of the project in the background, or returns the one running. */
export function startProjectReanalysis({ db, projectId, role }: { db: Database; projectId: string; role: string }) {
  requireManager(role, "re-analyse runs");
  return startReanalysis(db, projectId);
}

export function findProjectReanalysis({ projectId }: { projectId: string }) {
  return findReanalysis(projectId);
}
