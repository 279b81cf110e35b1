import { createRouter, projectProcedure } from "../trpc.ts";
import { DashboardOverviewInput } from "./dashboard-schemas.ts";
import { readDashboardOverview } from "./dashboard-service.ts";

export const dashboardRouter = createRouter({
  overview: projectProcedure
    .input(DashboardOverviewInput)
    .query(({ ctx, input }) => readDashboardOverview({ ...input, db: ctx.db, projectId: ctx.project.id })),
});
