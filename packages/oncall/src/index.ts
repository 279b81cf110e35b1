export { ensureDefaultAlertRules, readRuleDefinition, ruleColumns } from "./alert-rules.ts";
export { readAlertState, transitionAlert } from "./alert-transitions.ts";
export { evaluateFindingAlerts } from "./evaluate-finding-alerts.ts";
export { measureMetric, runAlertMaintenance } from "./alert-maintenance.ts";
export { deliverDueWebhooks, type DeliveryOptions } from "./deliver-webhooks.ts";
export { AlertWorker, type AlertWorkerOptions } from "./alert-worker.ts";
