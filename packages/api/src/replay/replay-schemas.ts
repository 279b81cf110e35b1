import { Validator } from "@loupe/replay";
import { z } from "zod";

export const StepRef = z.object({
  traceId: z.string().min(1).max(128),
  stepId: z.string().min(1).max(128),
});

export const PreviewReplayInput = StepRef.extend({
  /** The prompt version to replay with; the recorded one when omitted. */
  promptVersion: z.number().int().positive().optional(),
});

export const RunReplayInput = PreviewReplayInput.extend({
  credentialId: z.uuid().optional(),
  validators: z.array(Validator).max(10).default([]),
});

export const ListStepReplaysInput = StepRef;

export const ReplayIdInput = z.object({ replayId: z.uuid() });

export const ListReplaysInput = z.object({
  limit: z.number().int().min(1).max(100).default(50),
  cursor: z.uuid().nullish(),
});

export const StartReplayBatchInput = z
  .object({
    promptName: z.string().min(1).max(120),
    promptVersion: z.number().int().positive(),
    /** Which recorded steps: of one recorded version, or a saved dataset, newest first. */
    selection: z.object({
      recordedVersion: z.number().int().positive().optional(),
      datasetId: z.uuid().optional(),
      traceName: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    concurrency: z.number().int().min(1).max(8).default(2),
    costCap: z.number().positive().max(10_000).optional(),
    credentialId: z.uuid().optional(),
    validators: z.array(Validator).max(10).default([]),
  });

export const ReplayBatchIdInput = z.object({ batchId: z.uuid() });

export const SaveToDatasetInput = StepRef.extend({ datasetName: z.string().trim().min(1).max(100) });
