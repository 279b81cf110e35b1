import { createRouter, projectProcedure } from "../trpc.ts";
import { FindSessionConversationInput, ListSessionsInput } from "./session-schemas.ts";
import { getSessionConversation, listSessionPage } from "./session-service.ts";

export const sessionRouter = createRouter({
  list: projectProcedure
    .input(ListSessionsInput)
    .query(({ ctx, input }) =>
      listSessionPage({ ...input, db: ctx.db, projectId: ctx.project.id }),
    ),

  conversation: projectProcedure
    .input(FindSessionConversationInput)
    .query(({ ctx, input }) =>
      getSessionConversation({ db: ctx.db, projectId: ctx.project.id, sessionId: input.sessionId }),
    ),
});
