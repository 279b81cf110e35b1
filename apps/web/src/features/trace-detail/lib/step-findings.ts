type FindingSteps = { id: string; stepIds: readonly string[]; firstStepId: string | null };

/** For each implicated step, the findings that name it, in the order given. */
export function groupFindingsByStep<T extends FindingSteps>(
  findings: readonly T[],
): Map<string, T[]> {
  const byStep = new Map<string, T[]>();
  for (const finding of findings) {
    const stepIds = new Set(finding.stepIds);
    if (finding.firstStepId) stepIds.add(finding.firstStepId);
    for (const stepId of stepIds) {
      const list = byStep.get(stepId);
      if (list) list.push(finding);
      else byStep.set(stepId, [finding]);
    }
  }
  return byStep;
}

/**
 * Where the run first went wrong: of the findings' first steps, the one earliest in the run.
 * `stepOrder` gives each loaded step's position; a first step not loaded yet counts as later
 * than every loaded one, so the answer is settled once it has loaded.
 */
export function findFirstSuspiciousStep(
  findings: readonly FindingSteps[],
  stepOrder: ReadonlyMap<string, number>,
): string | null {
  let best: { stepId: string; position: number } | null = null;
  for (const finding of findings) {
    if (!finding.firstStepId) continue;
    const position = stepOrder.get(finding.firstStepId) ?? Number.POSITIVE_INFINITY;
    if (!best || position < best.position) best = { stepId: finding.firstStepId, position };
  }
  return best?.stepId ?? null;
}
