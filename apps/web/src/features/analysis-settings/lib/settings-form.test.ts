import { describe, expect, it } from "vitest";
import { fromSettingsForm, matchFieldErrors, toSettingsForm, type AnalysisSettingsValues } from "./settings-form";

const base = {
  repeatThreshold: 3,
  retryStormThreshold: 3,
  sideEffectPatterns: ["send_*", "delete_*"],
  sideEffectMaxPerRun: 10,
  spikeThresholdMads: 3.5,
  budgets: { perDayUsd: 20 },
  maxSteps: 10_000,
  maxLlmCalls: 100,
  spikeMinimums: { costUsd: 0.05, tokens: 1_000, latencyMs: 5_000 },
  planItemMinOverlap: 0.5,
  planDriftMinUnplannedCalls: 2,
  planDriftMinUnplannedShare: 0.25,
  planGoalMinOverlap: 0.3,
} as unknown as AnalysisSettingsValues;

describe("settings form", () => {
  it("round-trips the settings, keeping the fields it does not show", () => {
    const form = toSettingsForm(base);
    expect(form).toMatchObject({ sideEffectPatterns: "send_*, delete_*", perRunUsd: "", perDayUsd: "20" });
    expect(fromSettingsForm(form, base)).toEqual(base);
  });

  it("reads a comma list, clears an emptied budget and keeps bad numbers for the server to name", () => {
    const form = { ...toSettingsForm(base), sideEffectPatterns: " charge_*, ,refund_* ", perDayUsd: " ", perRunUsd: "abc" };
    const settings = fromSettingsForm(form, base);
    expect(settings.sideEffectPatterns).toEqual(["charge_*", "refund_*"]);
    expect(settings.budgets.perDayUsd).toBeUndefined();
    expect(settings.budgets.perRunUsd).toBeNaN();
  });

  it("edits the smallest cost spike without touching the other minimums, and the plan-drift thresholds", () => {
    const form = { ...toSettingsForm(base), spikeMinCostUsd: "0.001", planDriftMinUnplannedCalls: "4", planGoalMinOverlap: "0.2" };
    const settings = fromSettingsForm(form, base);
    expect(settings.spikeMinimums).toEqual({ costUsd: 0.001, tokens: 1_000, latencyMs: 5_000 });
    expect(settings).toMatchObject({ planDriftMinUnplannedCalls: 4, planGoalMinOverlap: 0.2, planItemMinOverlap: 0.5 });
  });

  it("pins each server error on its field", () => {
    expect(
      matchFieldErrors([
        { path: "settings.budgets.perRunUsd", message: "Too small: expected number to be >0" },
        { path: "settings.sideEffectPatterns.1", message: "Too small" },
        { path: "settings.spikeMinimums.costUsd", message: "Too small: expected number to be >=0" },
      ]),
    ).toEqual({
      perRunUsd: "Too small: expected number to be >0",
      sideEffectPatterns: "Too small",
      spikeMinCostUsd: "Too small: expected number to be >=0",
    });
    expect(matchFieldErrors(null)).toEqual({});
  });
});
