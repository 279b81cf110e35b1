import { createRouter, projectProcedure } from "../trpc.ts";
import { deleteAlertRule, saveAlertRule, setAlertRuleEnabled } from "./alert-rule-service.ts";
import {
  AlertIdInput,
  ChannelIdInput,
  CreateChannelInput,
  ListAlertsInput,
  RuleIdInput,
  SaveAlertRuleInput,
  SetRuleEnabledInput,
  SnoozeAlertInput,
} from "./alert-schemas.ts";
import { actOnAlert, getAlert, listAlertRules, listAlerts } from "./alert-service.ts";
import { createChannel, deleteChannel, listChannels, listDeliveries } from "./notification-channel-service.ts";

export const alertRouter = createRouter({
  list: projectProcedure
    .input(ListAlertsInput)
    .query(({ ctx, input }) => listAlerts({ db: ctx.db, ...input, projectId: ctx.project.id })),

  byId: projectProcedure
    .input(AlertIdInput)
    .query(({ ctx, input }) => getAlert({ db: ctx.db, projectId: ctx.project.id, alertId: input.alertId })),

  acknowledge: projectProcedure
    .input(AlertIdInput)
    .mutation(({ ctx, input }) =>
      actOnAlert({ db: ctx.db, projectId: ctx.project.id, alertId: input.alertId, event: { type: "acknowledge", at: new Date() } }),
    ),

  resolve: projectProcedure
    .input(AlertIdInput)
    .mutation(({ ctx, input }) =>
      actOnAlert({ db: ctx.db, projectId: ctx.project.id, alertId: input.alertId, event: { type: "resolve", at: new Date() } }),
    ),

  snooze: projectProcedure.input(SnoozeAlertInput).mutation(({ ctx, input }) => {
    const at = new Date();
    return actOnAlert({
      db: ctx.db,
      projectId: ctx.project.id,
      alertId: input.alertId,
      event: { type: "snooze", at, until: new Date(at.getTime() + input.minutes * 60_000) },
    });
  }),

  rules: projectProcedure.query(({ ctx }) => listAlertRules({ db: ctx.db, projectId: ctx.project.id })),

  saveRule: projectProcedure
    .input(SaveAlertRuleInput)
    .mutation(({ ctx, input }) => saveAlertRule({ db: ctx.db, ...input, projectId: ctx.project.id })),

  setRuleEnabled: projectProcedure
    .input(SetRuleEnabledInput)
    .mutation(({ ctx, input }) => setAlertRuleEnabled({ db: ctx.db, ...input, projectId: ctx.project.id })),

  deleteRule: projectProcedure
    .input(RuleIdInput)
    .mutation(({ ctx, input }) => deleteAlertRule({ db: ctx.db, projectId: ctx.project.id, ruleId: input.ruleId })),

  channels: projectProcedure.query(({ ctx }) => listChannels({ db: ctx.db, projectId: ctx.project.id })),

  createChannel: projectProcedure
    .input(CreateChannelInput)
    .mutation(({ ctx, input }) =>
      createChannel({ db: ctx.db, secrets: ctx.secrets, webhookNetworks: ctx.webhookNetworks, ...input, projectId: ctx.project.id }),
    ),

  deleteChannel: projectProcedure
    .input(ChannelIdInput)
    .mutation(({ ctx, input }) => deleteChannel({ db: ctx.db, projectId: ctx.project.id, channelId: input.channelId })),

  deliveries: projectProcedure.query(({ ctx }) => listDeliveries({ db: ctx.db, projectId: ctx.project.id })),
});
