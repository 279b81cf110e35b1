import { createRouter, projectProcedure } from "../trpc.ts";
import { CreateProviderCredentialInput, DeleteProviderCredentialInput } from "./provider-credential-schemas.ts";
import {
  createProviderCredential,
  deleteProviderCredential,
  listProviderCredentials,
} from "./provider-credential-service.ts";

export const providerCredentialRouter = createRouter({
  list: projectProcedure.query(({ ctx }) => listProviderCredentials({ db: ctx.db, projectId: ctx.project.id })),

  create: projectProcedure
    .input(CreateProviderCredentialInput)
    .mutation(({ ctx, input }) =>
      createProviderCredential({ db: ctx.db, secrets: ctx.secrets, projectId: ctx.project.id, input }),
    ),

  delete: projectProcedure
    .input(DeleteProviderCredentialInput)
    .mutation(({ ctx, input }) =>
      deleteProviderCredential({ db: ctx.db, projectId: ctx.project.id, credentialId: input.credentialId }),
    ),
});
