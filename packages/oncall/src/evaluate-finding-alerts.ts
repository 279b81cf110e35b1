import { matchFinding, openAlert } from "@loupe/alerts";
import { UNNAMED_RUN, type Database } from "@loupe/db";
import { FindingKind, Severity } from "@loupe/schema";
import { ensureDefaultAlertRules, readRuleDefinition } from "./alert-rules.ts";
import { alertColumns, enqueueDeliveries, transitionAlert } from "./alert-transitions.ts";

/**
 * Turns a run's findings into alerts. Each (rule, group) is one alert, and each run counts once
 * towards it however often its findings are re-analysed, so a loop seen in 1,000 runs is one
 * alert with 1,000 occurrences, and on-call is told once.
 */
export async function evaluateFindingAlerts(
  db: Database,
  { projectId, traceId, now = new Date() }: { projectId: string; traceId: string; now?: Date },
): Promise<{ alertsTouched: number; notifications: number }> {
  // A project that never opened its rules page still gets the default rules on its first finding.
  await ensureDefaultAlertRules(db, projectId);
  const [trace, findings, rules] = await Promise.all([
    db.trace.findUnique({ where: { projectId_id: { projectId, id: traceId } }, select: { name: true, environment: true } }),
    db.finding.findMany({ where: { projectId, traceId, dismissedAt: null } }),
    db.alertRule.findMany({ where: { projectId, type: "finding", enabled: true } }),
  ]);
  if (!trace || findings.length === 0 || rules.length === 0) return { alertsTouched: 0, notifications: 0 };

  const agentNames = await firstStepAgents(db, projectId, findings.flatMap((finding) => (finding.firstStepId ? [finding.firstStepId] : [])));
  let alertsTouched = 0;
  let notifications = 0;
  for (const rule of rules) {
    const definition = readRuleDefinition(rule);
    const matched = new Map<string, { title: string; findingId: string }>();
    for (const finding of findings) {
      const kind = FindingKind.safeParse(finding.kind);
      if (!kind.success) continue;
      const match = matchFinding(definition, {
        kind: kind.data,
        severity: Severity.parse(finding.severity),
        traceId,
        traceName: trace.name ?? UNNAMED_RUN,
        environment: trace.environment ?? "production",
        agentName: finding.firstStepId ? agentNames.get(finding.firstStepId) ?? null : null,
        explanation: finding.explanation,
        firstStepId: finding.firstStepId,
      });
      if (match && !matched.has(match.groupKey)) matched.set(match.groupKey, { title: match.title, findingId: finding.id });
    }
    for (const [groupKey, { title, findingId }] of matched) {
      const outcome = await db.$transaction(async (tx) => {
        const existing = await tx.alert.findFirst({ where: { ruleId: rule.id, groupKey }, orderBy: { firstSeenAt: "desc" } });
        if (!existing) {
          const alert = await tx.alert.create({
            data: { projectId, ruleId: rule.id, groupKey, severity: rule.severity, title, ...alertColumns(openAlert(now)) },
          });
          await tx.alertOccurrence.create({ data: { alertId: alert.id, traceId, findingId, occurredAt: now } });
          return enqueueDeliveries(tx, { alertId: alert.id, ruleId: rule.id, projectId, kind: "fired", at: now });
        }
        const occurrence = await tx.alertOccurrence.createMany({
          data: [{ alertId: existing.id, traceId, findingId, occurredAt: now }],
          skipDuplicates: true,
        });
        // The same run analysed again (its loop grew) is not a new occurrence.
        if (occurrence.count === 0) return 0;
        const { notify } = await transitionAlert(tx, existing, { type: "occurrence", at: now });
        return notify ? 1 : 0;
      });
      alertsTouched++;
      notifications += outcome;
    }
  }
  return { alertsTouched, notifications };
}

async function firstStepAgents(db: Database, projectId: string, stepIds: string[]) {
  if (stepIds.length === 0) return new Map<string, string | null>();
  const steps = await db.step.findMany({ where: { projectId, id: { in: stepIds } }, select: { id: true, agentName: true } });
  return new Map(steps.map((step) => [step.id, step.agentName]));
}
