import { createRouter, projectProcedure } from "../trpc.ts";
import {
  CreatePromptVersionInput,
  DiffPromptVersionsInput,
  PromptNameInput,
  SetPromptLabelsInput,
} from "./prompt-schemas.ts";
import {
  createPromptVersion,
  diffPromptVersions,
  getPrompt,
  listPrompts,
  setPromptLabels,
} from "./prompt-service.ts";

export const promptRouter = createRouter({
  list: projectProcedure.query(({ ctx }) => listPrompts({ db: ctx.db, projectId: ctx.project.id })),

  byName: projectProcedure
    .input(PromptNameInput)
    .query(({ ctx, input }) => getPrompt({ db: ctx.db, projectId: ctx.project.id, name: input.name })),

  createVersion: projectProcedure
    .input(CreatePromptVersionInput)
    .mutation(({ ctx, input }) => createPromptVersion({ db: ctx.db, projectId: ctx.project.id, input })),

  setLabels: projectProcedure
    .input(SetPromptLabelsInput)
    .mutation(({ ctx, input }) => setPromptLabels({ db: ctx.db, ...input, projectId: ctx.project.id })),

  diff: projectProcedure
    .input(DiffPromptVersionsInput)
    .query(({ ctx, input }) => diffPromptVersions({ db: ctx.db, ...input, projectId: ctx.project.id })),
});
