import { alertRouter } from "./alert/alert-router.ts";
import { analysisSettingsRouter } from "./analysis-settings/analysis-settings-router.ts";
import { apiKeyRouter } from "./api-key/api-key-router.ts";
import { dashboardRouter } from "./dashboard/dashboard-router.ts";
import { findingRouter } from "./finding/finding-router.ts";
import { priceOverrideRouter } from "./price-override/price-override-router.ts";
import { projectRouter } from "./project/project-router.ts";
import { promptRouter } from "./prompt/prompt-router.ts";
import { providerCredentialRouter } from "./provider-credential/provider-credential-router.ts";
import { replayRouter } from "./replay/replay-router.ts";
import { sessionRouter } from "./session/session-router.ts";
import { createCallerFactory, createRouter } from "./trpc.ts";
import { traceRouter } from "./trace/trace-router.ts";

export const appRouter = createRouter({
  project: projectRouter,
  trace: traceRouter,
  finding: findingRouter,
  session: sessionRouter,
  dashboard: dashboardRouter,
  apiKey: apiKeyRouter,
  priceOverride: priceOverrideRouter,
  prompt: promptRouter,
  providerCredential: providerCredentialRouter,
  replay: replayRouter,
  alert: alertRouter,
  analysisSettings: analysisSettingsRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process, with the same validation and access checks as over HTTP. */
export const createCaller = createCallerFactory(appRouter);
