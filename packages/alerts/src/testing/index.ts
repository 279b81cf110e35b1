export { buildAlertNotice } from "./build-alert-notice.ts";
export {
  startWebhookReceiver,
  type ReceivedWebhook,
  type WebhookReceiver,
} from "./start-webhook-receiver.ts";
