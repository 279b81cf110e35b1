import { createRouter, projectProcedure } from "../trpc.ts";
import { ListSessionsInput } from "./session-schemas.ts";
import { listSessionPage } from "./session-service.ts";

export const sessionRouter = createRouter({
  list: projectProcedure
    .input(ListSessionsInput)
    .query(({ ctx, input }) =>
      listSessionPage({ ...input, db: ctx.db, projectId: ctx.project.id }),
    ),
});
