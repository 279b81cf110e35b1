import { canApply, evaluateMetricRule, openAlert, type AlertMetric } from "@loupe/alerts";
import { Prisma, type AlertRuleModel, type Database } from "@loupe/db";
import { readRuleDefinition } from "./alert-rules.ts";
import { alertColumns, enqueueDeliveries, readAlertState, transitionAlert } from "./alert-transitions.ts";

/** A metric over the runs that started in the window; null when there is nothing to measure. */
export async function measureMetric(
  db: Database,
  { projectId, metric, windowSeconds, now }: { projectId: string; metric: AlertMetric; windowSeconds: number; now: Date },
): Promise<number | null> {
  const since = new Date(now.getTime() - windowSeconds * 1000);
  const window = Prisma.sql`project_id = ${projectId}::uuid AND start_time >= ${since} AND start_time <= ${now}`;
  switch (metric) {
    case "error_rate": {
      const [row] = await db.$queryRaw<{ runs: bigint; failed: bigint }[]>(Prisma.sql`
        SELECT count(*) AS runs, count(*) FILTER (WHERE status = 'error') AS failed FROM "trace" WHERE ${window}`);
      return row && row.runs > 0n ? Number(row.failed) / Number(row.runs) : null;
    }
    case "cost_per_hour": {
      const [row] = await db.$queryRaw<{ cost: number | null }[]>(Prisma.sql`
        SELECT sum(total_cost)::float8 AS cost FROM "trace" WHERE ${window}`);
      return row?.cost === null || row?.cost === undefined ? null : row.cost / (windowSeconds / 3600);
    }
    case "p95_latency_ms": {
      const [row] = await db.$queryRaw<{ p95: number | null }[]>(Prisma.sql`
        SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM end_time - start_time) * 1000) AS p95
        FROM "trace" WHERE ${window} AND end_time IS NOT NULL`);
      return row?.p95 ?? null;
    }
    case "runs_over_budget": {
      const [row] = await db.$queryRaw<{ runs: bigint }[]>(Prisma.sql`
        SELECT count(DISTINCT trace_id) AS runs FROM "finding"
        WHERE project_id = ${projectId}::uuid AND kind = 'budget_exceeded' AND updated_at >= ${since}`);
      return row ? Number(row.runs) : null;
    }
  }
}

async function evaluateMetricAlert(db: Database, rule: AlertRuleModel, now: Date) {
  const definition = readRuleDefinition(rule);
  if (!definition.metric) return;
  const value = await measureMetric(db, { projectId: rule.projectId, metric: definition.metric, windowSeconds: definition.windowSeconds, now });
  const evaluation = evaluateMetricRule(definition, value);
  const existing = await db.alert.findFirst({ where: { ruleId: rule.id, groupKey: evaluation.groupKey }, orderBy: { firstSeenAt: "desc" } });
  if (evaluation.breached) {
    if (!existing) {
      await db.$transaction(async (tx) => {
        const alert = await tx.alert.create({
          data: { projectId: rule.projectId, ruleId: rule.id, groupKey: evaluation.groupKey, severity: rule.severity, title: evaluation.title, ...alertColumns(openAlert(now)) },
        });
        await enqueueDeliveries(tx, { alertId: alert.id, ruleId: rule.id, projectId: rule.projectId, kind: "fired", at: now });
      });
      return;
    }
    await db.$transaction(async (tx) => {
      await tx.alert.update({ where: { id: existing.id }, data: { title: evaluation.title } });
      // A breach that goes on is seen again, not counted again; one after recovery, which the
      // lifecycle does not let be merely seen, is a new occurrence.
      await transitionAlert(tx, existing, { type: canApply(readAlertState(existing), "seen") ? "seen" : "occurrence", at: now });
    });
    return;
  }
  if (existing && existing.status !== "resolved") {
    await transitionAlert(db, existing, { type: "condition_clear_check", at: now, conditionActive: false, cooldownSeconds: rule.cooldownSeconds });
  }
}

/**
 * The periodic half of alerting: evaluates metric rules over their windows, and resolves finding
 * alerts whose runs stopped showing the pattern for the rule's cooldown.
 */
export async function runAlertMaintenance(db: Database, { now = new Date() }: { now?: Date } = {}) {
  const metricRules = await db.alertRule.findMany({ where: { type: "metric", enabled: true } });
  for (const rule of metricRules) await evaluateMetricAlert(db, rule, now);

  const quietAlerts = await db.alert.findMany({
    where: { status: { not: "resolved" }, rule: { type: "finding" } },
    include: { rule: { select: { cooldownSeconds: true } } },
  });
  for (const { rule, ...alert } of quietAlerts) {
    await transitionAlert(db, alert, { type: "condition_clear_check", at: now, conditionActive: false, cooldownSeconds: rule.cooldownSeconds });
  }
}
