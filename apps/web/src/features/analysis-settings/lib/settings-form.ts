import type { RouterOutputs } from "@loupe/api";

export type AnalysisSettingsValues = RouterOutputs["analysisSettings"]["get"]["settings"];

/** The thresholds the Detection section edits, as typed into its inputs. */
export type SettingsForm = {
  repeatThreshold: string;
  retryStormThreshold: string;
  sideEffectPatterns: string;
  sideEffectMaxPerRun: string;
  spikeThresholdMads: string;
  perRunUsd: string;
  perDayUsd: string;
  maxSteps: string;
  spikeMinCostUsd: string;
  planItemMinOverlap: string;
  planDriftMinUnplannedCalls: string;
  planDriftMinUnplannedShare: string;
  planGoalMinOverlap: string;
};

/** Where the server reports each field's error (`settings.budgets.perRunUsd: Too small…`). */
const FIELD_PATHS: Record<keyof SettingsForm, string> = {
  repeatThreshold: "settings.repeatThreshold",
  retryStormThreshold: "settings.retryStormThreshold",
  sideEffectPatterns: "settings.sideEffectPatterns",
  sideEffectMaxPerRun: "settings.sideEffectMaxPerRun",
  spikeThresholdMads: "settings.spikeThresholdMads",
  perRunUsd: "settings.budgets.perRunUsd",
  perDayUsd: "settings.budgets.perDayUsd",
  maxSteps: "settings.maxSteps",
  spikeMinCostUsd: "settings.spikeMinimums.costUsd",
  planItemMinOverlap: "settings.planItemMinOverlap",
  planDriftMinUnplannedCalls: "settings.planDriftMinUnplannedCalls",
  planDriftMinUnplannedShare: "settings.planDriftMinUnplannedShare",
  planGoalMinOverlap: "settings.planGoalMinOverlap",
};

export function toSettingsForm(settings: AnalysisSettingsValues): SettingsForm {
  return {
    repeatThreshold: String(settings.repeatThreshold),
    retryStormThreshold: String(settings.retryStormThreshold),
    sideEffectPatterns: settings.sideEffectPatterns.join(", "),
    sideEffectMaxPerRun: String(settings.sideEffectMaxPerRun),
    spikeThresholdMads: String(settings.spikeThresholdMads),
    perRunUsd: settings.budgets.perRunUsd === undefined ? "" : String(settings.budgets.perRunUsd),
    perDayUsd: settings.budgets.perDayUsd === undefined ? "" : String(settings.budgets.perDayUsd),
    maxSteps: String(settings.maxSteps),
    spikeMinCostUsd: String(settings.spikeMinimums.costUsd),
    planItemMinOverlap: String(settings.planItemMinOverlap),
    planDriftMinUnplannedCalls: String(settings.planDriftMinUnplannedCalls),
    planDriftMinUnplannedShare: String(settings.planDriftMinUnplannedShare),
    planGoalMinOverlap: String(settings.planGoalMinOverlap),
  };
}

/**
 * The form over the settings it was loaded from, so fields the section does not show keep their
 * values. Text that is not a number becomes NaN, which the server refuses with the field's name;
 * an empty budget means no budget.
 */
export function fromSettingsForm(form: SettingsForm, base: AnalysisSettingsValues): AnalysisSettingsValues {
  const toNumber = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));
  const toBudget = (text: string) => (text.trim() === "" ? undefined : toNumber(text));
  const perRunUsd = toBudget(form.perRunUsd);
  const perDayUsd = toBudget(form.perDayUsd);
  return {
    ...base,
    repeatThreshold: toNumber(form.repeatThreshold),
    retryStormThreshold: toNumber(form.retryStormThreshold),
    sideEffectPatterns: form.sideEffectPatterns
      .split(",")
      .map((pattern) => pattern.trim())
      .filter((pattern) => pattern !== ""),
    sideEffectMaxPerRun: toNumber(form.sideEffectMaxPerRun),
    spikeThresholdMads: toNumber(form.spikeThresholdMads),
    budgets: { ...(perRunUsd === undefined ? {} : { perRunUsd }), ...(perDayUsd === undefined ? {} : { perDayUsd }) },
    maxSteps: toNumber(form.maxSteps),
    spikeMinimums: { ...base.spikeMinimums, costUsd: toNumber(form.spikeMinCostUsd) },
    planItemMinOverlap: toNumber(form.planItemMinOverlap),
    planDriftMinUnplannedCalls: toNumber(form.planDriftMinUnplannedCalls),
    planDriftMinUnplannedShare: toNumber(form.planDriftMinUnplannedShare),
    planGoalMinOverlap: toNumber(form.planGoalMinOverlap),
  };
}

/** The first error the server named for each field of the form. */
export function matchFieldErrors(
  fieldErrors: readonly { path: string; message: string }[] | null | undefined,
): Partial<Record<keyof SettingsForm, string>> {
  const errors: Partial<Record<keyof SettingsForm, string>> = {};
  for (const [field, path] of Object.entries(FIELD_PATHS) as [keyof SettingsForm, string][]) {
    const match = fieldErrors?.find((error) => error.path === path || error.path.startsWith(`${path}.`));
    if (match) errors[field] = match.message;
  }
  return errors;
}
