import { createRouter, projectProcedure } from "../trpc.ts";
import { listDatasets, saveStepToDataset } from "./dataset-service.ts";
import { getReplayBatch, listReplayBatches, startReplayBatch } from "./replay-batch-service.ts";
import {
  ListReplaysInput,
  ListStepReplaysInput,
  PreviewReplayInput,
  ReplayBatchIdInput,
  ReplayIdInput,
  RunReplayInput,
  SaveToDatasetInput,
  StartReplayBatchInput,
} from "./replay-schemas.ts";
import { getReplay, listReplays, listStepReplays, planReplay, runReplay } from "./replay-service.ts";

export const replayRouter = createRouter({
  preview: projectProcedure
    .input(PreviewReplayInput)
    .query(({ ctx, input }) => planReplay({ db: ctx.db, ...input, projectId: ctx.project.id })),

  run: projectProcedure
    .input(RunReplayInput)
    .mutation(({ ctx, input }) =>
      runReplay({ db: ctx.db, secrets: ctx.secrets, ...input, projectId: ctx.project.id }),
    ),

  forStep: projectProcedure
    .input(ListStepReplaysInput)
    .query(({ ctx, input }) => listStepReplays({ db: ctx.db, ...input, projectId: ctx.project.id })),

  byId: projectProcedure
    .input(ReplayIdInput)
    .query(({ ctx, input }) => getReplay({ db: ctx.db, projectId: ctx.project.id, replayId: input.replayId })),

  list: projectProcedure
    .input(ListReplaysInput)
    .query(({ ctx, input }) => listReplays({ db: ctx.db, ...input, projectId: ctx.project.id })),

  startBatch: projectProcedure
    .input(StartReplayBatchInput)
    .mutation(async ({ ctx, input }) => {
      const { batch } = await startReplayBatch({ db: ctx.db, secrets: ctx.secrets, projectId: ctx.project.id, input });
      return batch;
    }),

  batch: projectProcedure
    .input(ReplayBatchIdInput)
    .query(({ ctx, input }) => getReplayBatch({ db: ctx.db, projectId: ctx.project.id, batchId: input.batchId })),

  batches: projectProcedure.query(({ ctx }) => listReplayBatches({ db: ctx.db, projectId: ctx.project.id })),

  saveToDataset: projectProcedure
    .input(SaveToDatasetInput)
    .mutation(({ ctx, input }) => saveStepToDataset({ db: ctx.db, ...input, projectId: ctx.project.id })),

  datasets: projectProcedure.query(({ ctx }) => listDatasets({ db: ctx.db, projectId: ctx.project.id })),
});
