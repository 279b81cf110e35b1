import type { AlertRuleDefinition } from "@loupe/alerts";
import type { Database } from "@loupe/db";
import { ruleColumns } from "@loupe/oncall";
import { NotFoundError } from "../errors.ts";

export async function saveAlertRule({
  db,
  projectId,
  ruleId,
  rule,
}: {
  db: Database;
  projectId: string;
  ruleId?: string | undefined;
  rule: AlertRuleDefinition;
}) {
  if (!ruleId) return db.alertRule.create({ data: { projectId, ...ruleColumns(rule) } });
  const { count } = await db.alertRule.updateMany({ where: { id: ruleId, projectId }, data: ruleColumns(rule) });
  if (count === 0) throw new NotFoundError("That alert rule does not exist in this project.");
  return db.alertRule.findUniqueOrThrow({ where: { id: ruleId } });
}

export async function setAlertRuleEnabled({
  db,
  projectId,
  ruleId,
  enabled,
}: {
  db: Database;
  projectId: string;
  ruleId: string;
  enabled: boolean;
}) {
  const { count } = await db.alertRule.updateMany({ where: { id: ruleId, projectId }, data: { enabled } });
  if (count === 0) throw new NotFoundError("That alert rule does not exist in this project.");
}

export async function deleteAlertRule({ db, projectId, ruleId }: { db: Database; projectId: string; ruleId: string }) {
  const { count } = await db.alertRule.deleteMany({ where: { id: ruleId, projectId } });
  if (count === 0) throw new NotFoundError("That alert rule does not exist in this project.");
}
