import { createRouter, projectProcedure } from "../trpc.ts";
import { DismissFindingInput, ListTraceFindingsInput } from "./finding-schemas.ts";
import { dismissFinding, listTraceFindings } from "./finding-service.ts";

export const findingRouter = createRouter({
  forTrace: projectProcedure
    .input(ListTraceFindingsInput)
    .query(({ ctx, input }) =>
      listTraceFindings({ db: ctx.db, projectId: ctx.project.id, traceId: input.traceId }),
    ),

  dismiss: projectProcedure
    .input(DismissFindingInput)
    .mutation(({ ctx, input }) =>
      dismissFinding({ db: ctx.db, projectId: ctx.project.id, findingId: input.findingId }),
    ),
});
