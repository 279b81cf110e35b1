import { createRouter, projectProcedure } from "../trpc.ts";
import { FindTraceInput, ListStepsInput, ListTracesInput } from "./trace-schemas.ts";
import { getTrace, listTracePage, listStepPage } from "./trace-service.ts";

export const traceRouter = createRouter({
  list: projectProcedure
    .input(ListTracesInput)
    .query(({ ctx, input }) => listTracePage({ ...input, db: ctx.db, projectId: ctx.project.id })),

  byId: projectProcedure
    .input(FindTraceInput)
    .query(({ ctx, input }) =>
      getTrace({ db: ctx.db, projectId: ctx.project.id, traceId: input.traceId }),
    ),

  steps: projectProcedure
    .input(ListStepsInput)
    .query(({ ctx, input }) => listStepPage({ ...input, db: ctx.db, projectId: ctx.project.id })),
});
