import { AlertRuleDefinition } from "@loupe/alerts";
import { z } from "zod";

export const AlertStatusFilter = z.enum(["open", "firing", "acknowledged", "resolved", "all"]);

export const ListAlertsInput = z.object({
  status: AlertStatusFilter.default("open"),
  limit: z.number().int().min(1).max(100).default(50),
  cursor: z.uuid().nullish(),
});

export const AlertIdInput = z.object({ alertId: z.uuid() });

export const SnoozeAlertInput = AlertIdInput.extend({
  minutes: z.number().int().min(5).max(7 * 24 * 60),
});

export const SaveAlertRuleInput = z.object({
  ruleId: z.uuid().optional(),
  rule: AlertRuleDefinition,
});

export const RuleIdInput = z.object({ ruleId: z.uuid() });

export const SetRuleEnabledInput = RuleIdInput.extend({ enabled: z.boolean() });

export const CreateChannelInput = z.object({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(["webhook", "slack"]),
  url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }),
});

export const ChannelIdInput = z.object({ channelId: z.uuid() });
