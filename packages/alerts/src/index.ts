export { AlertGroupField, AlertMetric, AlertRuleDefinition } from "./alert-rule.ts";
export { defaultAlertRules } from "./default-alert-rules.ts";
export {
  evaluateMetricRule,
  matchFinding,
  type FindingMatch,
  type FindingSignal,
  type MetricEvaluation,
} from "./match-finding.ts";
export {
  applyAlertEvent,
  canApply,
  openAlert,
  type AlertEvent,
  type AlertNoticeKind,
  type AlertState,
  type AlertStatus,
  type AlertTransition,
} from "./alert-lifecycle.ts";
export { MAX_AFFECTED_TRACES, type AlertNotice } from "./webhook/alert-notice.ts";
export { buildWebhookBody, type WebhookFormat } from "./webhook/build-webhook-body.ts";
export { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from "./webhook/retry-delay.ts";
export {
  sendWebhook,
  type DeliveryAttempt,
  type SendWebhookOptions,
  type WebhookTarget,
} from "./webhook/send-webhook.ts";
export { signWebhook, verifyWebhookSignature } from "./webhook/sign-webhook.ts";
export { WebhookNetworks } from "./webhook/webhook-networks.ts";
export { findWebhookUrlRefusal } from "./webhook/find-webhook-url-refusal.ts";
export { createGuardedFetch, type GuardedFetch } from "./webhook/guarded-fetch.ts";
