import { AlertRuleDefinition, defaultAlertRules } from "@loupe/alerts";
import type { AlertRuleModel, Database } from "@loupe/db";

/** A stored rule as the pure alert logic reads it. */
export function readRuleDefinition(rule: AlertRuleModel): AlertRuleDefinition {
  return AlertRuleDefinition.parse({
    name: rule.name,
    type: rule.type,
    findingKinds: rule.findingKinds,
    ...(rule.metric ? { metric: rule.metric } : {}),
    ...(rule.windowSeconds !== null ? { windowSeconds: rule.windowSeconds } : {}),
    ...(rule.threshold !== null ? { threshold: rule.threshold } : {}),
    severity: rule.severity,
    groupBy: rule.groupBy,
    cooldownSeconds: rule.cooldownSeconds,
    enabled: rule.enabled,
  });
}

/** The columns of a rule definition, for create and update. */
export function ruleColumns(definition: AlertRuleDefinition) {
  return {
    name: definition.name,
    type: definition.type,
    findingKinds: definition.findingKinds,
    metric: definition.metric ?? null,
    windowSeconds: definition.windowSeconds,
    threshold: definition.threshold ?? null,
    severity: definition.severity,
    groupBy: definition.groupBy,
    cooldownSeconds: definition.cooldownSeconds,
    enabled: definition.enabled,
  };
}

const seededProjects = new Set<string>();

/**
 * Gives a project the default rules once. The project row records that it happened, so a team
 * that deletes the defaults does not see them come back.
 */
export async function ensureDefaultAlertRules(db: Database, projectId: string): Promise<void> {
  // Every analysis asks; after the first answer this process knows, without a round trip.
  if (seededProjects.has(projectId)) return;
  await db.$transaction(async (tx) => {
    const claimed = await tx.project.updateMany({
      where: { id: projectId, alertRulesSeededAt: null },
      data: { alertRulesSeededAt: new Date() },
    });
    if (claimed.count === 0) return;
    await tx.alertRule.createMany({
      data: defaultAlertRules().map((rule) => ({ projectId, ...ruleColumns(rule) })),
    });
  });
  seededProjects.add(projectId);
}
