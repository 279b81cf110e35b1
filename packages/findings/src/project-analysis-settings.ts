import { AnalysisSettings } from "@loupe/analysis";
import type { Database } from "@loupe/db";

export type ProjectAnalysisSettings = {
  settings: AnalysisSettings;
  /** Top-level fields the project set itself; the rest follow the defaults as they evolve. */
  overriddenFields: (keyof AnalysisSettings)[];
};

/**
 * The detector settings stored in `project.settings.analysis`, with defaults filled in. A stored
 * value that no longer parses (an older shape, a hand edit) falls back to the defaults entirely:
 * detection keeps running, and saving from the settings page replaces it.
 */
export async function readProjectAnalysisSettings(db: Database, projectId: string): Promise<ProjectAnalysisSettings> {
  const project = await db.project.findUnique({ where: { id: projectId }, select: { settings: true } });
  const stored = isObject(project?.settings) ? (project.settings.analysis ?? {}) : {};
  const parsed = AnalysisSettings.safeParse(stored);
  if (!parsed.success || !isObject(stored)) {
    return { settings: AnalysisSettings.parse({}), overriddenFields: [] };
  }
  const fields = Object.keys(AnalysisSettings.shape) as (keyof AnalysisSettings)[];
  return { settings: parsed.data, overriddenFields: fields.filter((field) => field in stored) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
