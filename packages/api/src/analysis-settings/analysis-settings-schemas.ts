import { AnalysisSettings } from "@loupe/findings";
import { z } from "zod";

/** The whole configuration as the settings page edits it; omitted fields take their defaults. */
export const SaveAnalysisSettingsInput = z.object({ settings: AnalysisSettings });
