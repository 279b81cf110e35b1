import type { Detector, Finding, PreparedContext } from "../types.ts";
import { buildFinding } from "./build-finding.ts";
import { sumCost } from "./spikes.ts";

/** The run's cost over the per-run budget, or today's spend with this run over the per-day budget. */
export const budgetExceededDetector: Detector = {
  id: "budget-exceeded",
  version: 1,
  kind: "budget_exceeded",
  detect: detectBudgetExceeded,
};

function detectBudgetExceeded({ steps, settings, history }: PreparedContext): Finding[] {
  const { perRunUsd, perDayUsd } = settings.budgets;
  const runCost = sumCost(steps) ?? 0;
  const findings: Finding[] = [];
  const costSteps = steps.filter((step) => step.providedCost !== undefined);
  const crossing = (limit: number, before: number) => {
    let total = before;
    const index = costSteps.findIndex((step) => (total += step.providedCost ?? 0) > limit);
    return costSteps.slice(Math.max(index, 0), Math.max(index, 0) + 1).map((step) => step.id);
  };
  if (perRunUsd !== undefined && runCost > perRunUsd) {
    findings.push(
      buildFinding(budgetExceededDetector, {
        severity: "high",
        key: "run",
        explanation: `The run cost $${runCost.toFixed(2)}, over its budget of $${perRunUsd.toFixed(2)}.`,
        stepIds: crossing(perRunUsd, 0),
        evidence: { scope: "run", costUsd: runCost, budgetUsd: perRunUsd },
      }),
    );
  }
  const spentToday = history.spentTodayUsd;
  if (perDayUsd !== undefined && spentToday !== undefined && spentToday + runCost > perDayUsd) {
    findings.push(
      buildFinding(budgetExceededDetector, {
        severity: "critical",
        key: "day",
        explanation: `Today's spend reached $${(spentToday + runCost).toFixed(2)} with this run, over the daily budget of $${perDayUsd.toFixed(2)}.`,
        stepIds: crossing(perDayUsd, spentToday),
        evidence: { scope: "day", spentBeforeRunUsd: spentToday, runCostUsd: runCost, budgetUsd: perDayUsd },
      }),
    );
  }
  return findings;
}
