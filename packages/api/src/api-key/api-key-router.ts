import { createRouter, projectProcedure } from "../trpc.ts";
import { CreateApiKeyInput, RevokeApiKeyInput } from "./api-key-schemas.ts";
import { issueApiKey, listApiKeys, retireApiKey } from "./api-key-service.ts";

export const apiKeyRouter = createRouter({
  list: projectProcedure.query(({ ctx }) => listApiKeys({ db: ctx.db, projectId: ctx.project.id })),

  create: projectProcedure
    .input(CreateApiKeyInput)
    .mutation(({ ctx, input }) =>
      issueApiKey({ db: ctx.db, projectId: ctx.project.id, name: input.name }),
    ),

  revoke: projectProcedure
    .input(RevokeApiKeyInput)
    .mutation(({ ctx, input }) =>
      retireApiKey({ db: ctx.db, projectId: ctx.project.id, apiKeyId: input.apiKeyId }),
    ),
});
