import { isDeepStrictEqual } from "node:util";
import type { Database } from "@loupe/db";
import { AnalysisSettings, findReanalysis, readProjectAnalysisSettings, startReanalysis } from "@loupe/findings";
import { requireSettingsManager, writeProjectSettingsKey } from "../project/project-settings.ts";

export async function getAnalysisSettings({ db, projectId }: { db: Database; projectId: string }) {
  return readProjectAnalysisSettings(db, projectId);
}

/**
 * Stores the fields that differ from the defaults under `settings.analysis`, so a field left at its
 * default follows later changes to the default. Only that key of the project's settings is written.
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
  requireSettingsManager(role, "change detection settings");
  const defaults = AnalysisSettings.parse({});
  // A JSON round trip drops keys set to undefined (an unset budget), as storing them would.
  const plain = JSON.parse(JSON.stringify(settings)) as Record<string, unknown>;
  const changed = Object.fromEntries(
    Object.entries(plain).filter(([field, value]) => !isDeepStrictEqual(value, defaults[field as keyof AnalysisSettings])),
  );
  await writeProjectSettingsKey(db, projectId, "analysis", changed);
  return readProjectAnalysisSettings(db, projectId);
}

/** Starts re-analysing every run of the project in the background, or returns the one running. */
export function startProjectReanalysis({ db, projectId, role }: { db: Database; projectId: string; role: string }) {
  requireSettingsManager(role, "re-analyse runs");
  return startReanalysis(db, projectId);
}

export function findProjectReanalysis({ projectId }: { projectId: string }) {
  return findReanalysis(projectId);
}
